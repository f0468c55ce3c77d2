using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using ImageLabelsLive.Infra;

namespace ImageLabelsLive.Infra.Tests;

/// <summary>
/// One synthesis of the stack, shared by every test of a collection (synthesis takes seconds).
/// The context is cdk.json's, as <c>cdk synth</c> sees it, plus the test's own values; the functions asset and
/// the frontend build are small folders made here, so no publish or npm build is needed.
/// </summary>
public abstract class SynthesizedTemplate : IDisposable
{
    private readonly string _workDirectory;

    protected SynthesizedTemplate(IReadOnlyDictionary<string, object> context, bool withFrontendBuild)
    {
        // jsii's node runs on whatever node is installed; its end-of-life banner is noise in test output.
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");

        _workDirectory = Directory.CreateTempSubdirectory("ill-infra-tests-").FullName;
        var functions = Directory.CreateDirectory(Path.Combine(_workDirectory, "functions")).FullName;
        File.WriteAllText(Path.Combine(functions, "ImageLabelsLive.Functions.dll"), "stand-in for the published assembly");
        var dist = Directory.CreateDirectory(Path.Combine(_workDirectory, "dist")).FullName;
        if (withFrontendBuild)
        {
            File.WriteAllText(Path.Combine(dist, "index.html"), "<!doctype html><title>ImageLabelsLive</title>");
        }

        var allContext = CdkJsonContext();
        foreach (var (key, value) in context)
        {
            allContext[key] = value;
        }

        var app = new App(new AppProps { Context = allContext, Outdir = Path.Combine(_workDirectory, "cdk.out") });
        var stack = new ImageLabelsLiveStack(app, "ImageLabelsLive", new ImageLabelsLiveStackProps
        {
            Settings = InfraSettings.FromContext(app.Node),
            FunctionsPath = functions,
            FrontendDistPath = dist,
        });

        Template = Template.FromStack(stack);
        // Template.FromStack synthesized the app; this returns that same assembly.
        var artifact = app.Synth().GetStackArtifact(stack.ArtifactId);
        Json = JsonNode.Parse(File.ReadAllText(artifact.TemplateFullPath))!.AsObject();
        Warnings = artifact.Messages
            .Where(m => m.Level == Amazon.CDK.CXAPI.SynthesisMessageLevel.WARNING)
            .Select(m => m.Entry.Data?.ToString() ?? string.Empty)
            .ToList();
        AssetDirectory = artifact.Assembly.Directory;
    }

    public Template Template { get; }

    /// <summary>The synthesized CloudFormation template, for checks that scan every resource.</summary>
    public JsonObject Json { get; }

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The cloud assembly folder, where staged assets (e.g. the generated config.json) are.</summary>
    public string AssetDirectory { get; }

    /// <summary>(logical id, Properties) of every resource of a type.</summary>
    public IReadOnlyList<(string Id, JsonObject Properties)> Resources(string type) =>
        Json["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] == type)
            .Select(r => (r.Key, r.Value!["Properties"]?.AsObject() ?? []))
            .ToList();

    public JsonObject Resource(string logicalId) => Json["Resources"]![logicalId]!.AsObject();

    /// <summary>The one resource of a type whose logical id starts with a construct path such as "Uploads".</summary>
    public (string Id, JsonObject Properties) One(string type, string logicalIdPrefix) =>
        Resources(type).Single(r => r.Id.StartsWith(logicalIdPrefix, StringComparison.Ordinal));

    /// <summary>The Lambda function whose handler is that function's, found by the handler contract.</summary>
    public (string Id, JsonObject Properties) Function(string name) =>
        Resources("AWS::Lambda::Function").Single(f =>
            (string?)f.Properties["Handler"] == $"ImageLabelsLive.Functions::ImageLabelsLive.Functions.{name}.{name}Function::HandleAsync");

    public void Dispose()
    {
        Directory.Delete(_workDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static Dictionary<string, object> CdkJsonContext()
    {
        var cdkJson = Path.Combine(RepositoryLayout.Find(AppContext.BaseDirectory).Root, "infra", "aws", "cdk.json");
        var context = JsonNode.Parse(File.ReadAllText(cdkJson))!["context"]!.AsObject();
        return context.ToDictionary(p => p.Key, p => ToClr(p.Value!));
    }

    private static object ToClr(JsonNode node) => node switch
    {
        JsonArray array => array.Select(item => ToClr(item!)).ToArray(),
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<double>(out var number) => number,
        _ => node.GetValue<string>(),
    };
}

/// <summary>The stack as deployed for real: built frontend, two email subscribers, cdk.json's defaults.</summary>
public sealed class ProductionTemplate : SynthesizedTemplate
{
    public const string FirstEmail = "ops@example.com";
    public const string SecondEmail = "dev@example.com";

    public ProductionTemplate()
        : base(new Dictionary<string, object> { ["notifyEmails"] = $" {FirstEmail}, {SecondEmail} " }, withFrontendBuild: true)
    {
    }
}

/// <summary>A developer's variant: localhost allowed, no frontend build yet, no emails, a shorter expiry.</summary>
public sealed class DevelopmentTemplate : SynthesizedTemplate
{
    public DevelopmentTemplate()
        : base(
            new Dictionary<string, object>
            {
                ["allowLocalhost"] = "true",
                ["uploadExpirationDays"] = "3",
                ["analyzeFaces"] = "false",
                ["analyzeModeration"] = "false",
            },
            withFrontendBuild: false)
    {
    }
}

[CollectionDefinition(Name)]
public sealed class ProductionTemplateGroup : ICollectionFixture<ProductionTemplate>
{
    public const string Name = "production stack";
}

[CollectionDefinition(Name)]
public sealed class DevelopmentTemplateGroup : ICollectionFixture<DevelopmentTemplate>
{
    public const string Name = "development stack";
}
