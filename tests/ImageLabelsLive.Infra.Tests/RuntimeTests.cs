using System.Text.Json;
using System.Text.Json.Nodes;
using ImageLabelsLive.Infra;

namespace ImageLabelsLive.Infra.Tests;

/// <summary>Every function in the template, CDK's own handlers included, runs on a runtime Lambda still creates functions on.</summary>
[Collection(ProductionTemplateGroup.Name)]
public sealed class RuntimeTests(ProductionTemplate stack)
{
    private static readonly string[] Supported = ["dotnet10", "python3.13", "nodejs22.x"];

    [Fact]
    public void EveryFunction_Synthesized_NamesASupportedRuntimeLiterally()
    {
        var functions = stack.Resources("AWS::Lambda::Function");

        functions.ShouldNotBeEmpty();
        foreach (var (id, properties) in functions)
        {
            // A literal, not CDK's per-region map: the map is what named the retired Node.js versions.
            var runtime = properties["Runtime"];
            (runtime is JsonValue value && value.GetValueKind() == JsonValueKind.String).ShouldBeTrue($"{id}: Runtime is {runtime?.ToJsonString()}");
            Supported.ShouldContain((string)runtime!, $"{id} runs on {runtime}");
        }
    }

    [Theory]
    [InlineData("CustomS3AutoDeleteObjectsCustomResourceProviderHandler", "nodejs22.x")]
    [InlineData("BucketNotificationsHandler", "python3.13")]
    [InlineData("CustomCDKBucketDeployment", "python3.13")]
    public void CdkHandler_Synthesized_RunsOnTheOverriddenRuntime(string logicalIdPrefix, string runtime)
    {
        var (_, properties) = stack.One("AWS::Lambda::Function", logicalIdPrefix);

        ((string?)properties["Runtime"]).ShouldBe(runtime);
    }

    [Theory]
    [InlineData("python3.11", "python3.13")]
    [InlineData("python3.9", "python3.13")]
    [InlineData("nodejs18.x", "nodejs22.x")]
    [InlineData("nodejs20.x", "nodejs22.x")]
    [InlineData("python3.13", null)]
    [InlineData("python3.14", null)]
    [InlineData("nodejs22.x", null)]
    [InlineData("nodejs24.x", null)]
    [InlineData("dotnet10", null)]
    public void Replacement_Runtime_MovesOnlyRetiredPythonAndNode(string runtime, string? expected)
    {
        SupportedLambdaRuntimes.Replacement(runtime).ShouldBe(expected);
    }
}
