using ImageLabelsLive.Aws.Configuration;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.Tests.Hosting;

public class FunctionContainerTests
{
    private static readonly Dictionary<string, string> Complete = new(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = "eu-west-1",
        ["IMAGES_TABLE"] = "ill-images",
        ["CONNECTIONS_TABLE"] = "ill-connections",
        ["FEED_INDEX_TABLE"] = "ill-feed-index",
        ["UPLOAD_BUCKET"] = "ill-uploads",
        ["TOPIC_ARN"] = "arn:aws:sns:eu-west-1:123456789012:ill-results",
        ["CONNECTIONS_ENDPOINT"] = "https://ws1.execute-api.eu-west-1.amazonaws.com/prod",
        ["SITE_URL"] = "https://ill.example/",
        ["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:9000",
        ["AWS_ENDPOINT_URL_DYNAMODB"] = "http://127.0.0.1:8000",
        ["AWS_ENDPOINT_URL_REKOGNITION"] = "http://127.0.0.1:9001",
        ["AWS_ENDPOINT_URL_SNS"] = "http://127.0.0.1:9002",
    };

    private static FunctionContainer Container(params string[] without)
    {
        var variables = Complete.Where(pair => !without.Contains(pair.Key)).ToDictionary(StringComparer.Ordinal);
        return new FunctionContainer(FunctionSettings.From(name => variables.GetValueOrDefault(name)));
    }

    [Fact]
    public void Handlers_CompleteSettings_AreAllBuiltWithoutCallingAnyService()
    {
        var container = Container();

        container.CreateUpload().ShouldNotBeNull();
        container.ListFeedImages().ShouldNotBeNull();
        container.GetImage().ShouldNotBeNull();
        container.Connect().ShouldNotBeNull();
        container.Disconnect().ShouldNotBeNull();
        container.ProcessUpload().ShouldNotBeNull();
        container.PushResults().ShouldNotBeNull();
        container.NotifyResult().ShouldNotBeNull();
        container.GetFeedLabels().ShouldNotBeNull();
        container.ExportFeed().ShouldNotBeNull();
        container.DeleteImage().ShouldNotBeNull();
        container.IndexFeed().ShouldNotBeNull();
    }

    [Fact]
    public void IndexFeed_WithoutFeedIndexTable_FailsNamingTheVariable()
    {
        Should.Throw<InvalidOperationException>(() => Container("FEED_INDEX_TABLE").IndexFeed()).Message.ShouldContain("FEED_INDEX_TABLE");
    }

    [Fact]
    public void CreateUpload_WithoutImagesTable_FailsNamingTheVariable()
    {
        Should.Throw<InvalidOperationException>(() => Container("IMAGES_TABLE").CreateUpload()).Message.ShouldContain("IMAGES_TABLE");
    }

    [Fact]
    public void CreateUpload_WithoutUploadBucket_FailsNamingTheVariable()
    {
        Should.Throw<InvalidOperationException>(() => Container("UPLOAD_BUCKET").CreateUpload()).Message.ShouldContain("UPLOAD_BUCKET");
    }

    [Fact]
    public void OpenConnection_WithoutConnectionsTable_FailsNamingTheVariable()
    {
        Should.Throw<InvalidOperationException>(() => Container("CONNECTIONS_TABLE").Connect()).Message.ShouldContain("CONNECTIONS_TABLE");
    }

    [Fact]
    public void PushResults_WithoutConnectionsEndpoint_FailsNamingTheVariable()
    {
        Should.Throw<InvalidOperationException>(() => Container("CONNECTIONS_ENDPOINT").PushResults()).Message.ShouldContain("CONNECTIONS_ENDPOINT");
    }

    [Theory]
    [InlineData("TOPIC_ARN")]
    [InlineData("SITE_URL")]
    public void NotifyResult_WithoutItsSetting_FailsNamingTheVariable(string variable)
    {
        Should.Throw<InvalidOperationException>(() => Container(variable).NotifyResult()).Message.ShouldContain(variable);
    }

    [Fact]
    public void ListFeedImages_WithoutTopicOrEndpoint_StillBuilds()
    {
        // Each function asks only for what it uses.
        Container("TOPIC_ARN", "CONNECTIONS_ENDPOINT", "SITE_URL", "CONNECTIONS_TABLE").ListFeedImages().ShouldNotBeNull();
    }
}
