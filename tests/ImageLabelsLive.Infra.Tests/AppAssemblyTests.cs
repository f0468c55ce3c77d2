using System.Text.Json.Nodes;

namespace ImageLabelsLive.Infra.Tests;

/// <summary>The pieces around the stack: finding the repository, the functions asset, and the pinned CDK CLI.</summary>
public sealed class AppAssemblyTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("ill-infra-app-");

    private static string Root => RepositoryLayout.Find(AppContext.BaseDirectory).Root;

    [Fact]
    public void Find_FromTheTestOutput_ReturnsTheRepositoryRoot()
    {
        var layout = RepositoryLayout.Find(AppContext.BaseDirectory);

        File.Exists(Path.Combine(layout.Root, "infra", "aws", "ImageLabelsLive.Infra.csproj")).ShouldBeTrue();
        layout.FunctionsProject.ShouldBe(Path.Combine(layout.Root, "functions", "ImageLabelsLive.Functions", "ImageLabelsLive.Functions.csproj"));
        layout.FrontendDist.ShouldBe(Path.Combine(layout.Root, "frontend", "dist"));
        layout.FunctionsBuildOutput.ShouldStartWith(Path.Combine(layout.Root, "infra", "aws", ".build"));
    }

    [Fact]
    public void Find_OutsideAnyRepository_Throws()
    {
        Should.Throw<InvalidOperationException>(() => RepositoryLayout.Find(_temp.FullName));
    }

    [Fact]
    public void Validate_FolderWithoutTheFunctionsAssembly_Throws()
    {
        var error = Should.Throw<ArgumentException>(() => FunctionsPublisher.Validate(_temp.FullName));

        error.Message.ShouldContain("ImageLabelsLive.Functions.dll");
    }

    [Fact]
    public void Validate_PublishOutput_ReturnsItsFullPath()
    {
        File.WriteAllText(Path.Combine(_temp.FullName, "ImageLabelsLive.Functions.dll"), "x");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _temp.FullName);

        FunctionsPublisher.Validate(relative).ShouldBe(_temp.FullName);
    }

    [Fact]
    public void Publish_ProjectMissing_ThrowsAndSaysHowToPassAPath()
    {
        var log = new StringWriter();

        var error = Should.Throw<FileNotFoundException>(() =>
            FunctionsPublisher.Publish(Path.Combine(_temp.FullName, "None.csproj"), Path.Combine(_temp.FullName, "out"), log));

        error.Message.ShouldContain("functionsPath");
        Directory.Exists(Path.Combine(_temp.FullName, "out")).ShouldBeFalse();
    }

    [Fact]
    public void CdkJson_App_RunsThisProjectFromInfraAws()
    {
        var cdkJson = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "infra", "aws", "cdk.json")))!;

        var app = cdkJson["app"]!.GetValue<string>();
        app.ShouldStartWith("dotnet run --project ");
        File.Exists(Path.Combine(Root, "infra", "aws", app["dotnet run --project ".Length..].Trim())).ShouldBeTrue();
    }

    [Fact]
    public void PackageJson_AwsCdkCli_IsPinnedExactlyAndLocked()
    {
        var package = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "infra", "aws", "package.json")))!;
        var lockFile = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "infra", "aws", "package-lock.json")))!;

        var version = package["devDependencies"]!["aws-cdk"]!.GetValue<string>();
        version.ShouldMatch(@"^2\.\d+\.\d+$");
        lockFile["packages"]!["node_modules/aws-cdk"]!["version"]!.GetValue<string>().ShouldBe(version);
    }

    public void Dispose() => _temp.Delete(recursive: true);
}
