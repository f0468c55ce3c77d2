using Amazon.CDK;

namespace ImageLabelsLive.Infra;

/// <summary>The CDK app: `npx cdk synth` / `npx cdk deploy` run this from infra/aws (see cdk.json).</summary>
internal static class Program
{
    public const string StackName = "ImageLabelsLive";

    public static void Main()
    {
        var app = new App();
        var settings = InfraSettings.FromContext(app.Node);
        var layout = RepositoryLayout.Find(AppContext.BaseDirectory);

        var functionsPath = settings.FunctionsPath
            ?? FunctionsPublisher.Publish(layout.FunctionsProject, layout.FunctionsBuildOutput, Console.Error);

        _ = new ImageLabelsLiveStack(app, StackName, new ImageLabelsLiveStackProps
        {
            Description = "ImageLabelsLive: upload an image, get its Rekognition labels pushed live over WebSocket and by email",
            Settings = settings,
            FunctionsPath = functionsPath,
            FrontendDistPath = settings.FrontendDistPath ?? layout.FrontendDist,
        });
        Tags.Of(app).Add("project", "ImageLabelsLive");
        app.Synth();
    }
}
