using Amazon;
using Amazon.ApiGatewayManagementApi;
using Amazon.Rekognition;
using Amazon.Runtime;
using Amazon.SimpleNotificationService;
using ImageLabelsLive.Aws.AwsProtocol;

namespace ImageLabelsLive.Aws.Tests.StandIns;

public class AwsEndpointTests
{
    private static readonly AwsClientSettings NoSettings = new(null, null, null, null, null);

    [Fact]
    public void Resolve_OnlyRegion_UsesPublicRegionalEndpoint()
    {
        var endpoint = AwsEndpoint.Resolve(AmazonRekognitionClient.Service, NoSettings, TestClients.Environment(("AWS_REGION", "eu-west-1")));

        endpoint.BaseUri.ShouldBe(new Uri("https://rekognition.eu-west-1.amazonaws.com/"));
        endpoint.SigningRegion.ShouldBe("eu-west-1");
    }

    [Fact]
    public void Resolve_ChinaRegion_UsesPartitionDnsSuffix()
    {
        var endpoint = AwsEndpoint.Resolve(AmazonSimpleNotificationServiceClient.Service, NoSettings with { RegionEndpoint = RegionEndpoint.CNNorth1 }, TestClients.Environment());

        endpoint.BaseUri.ShouldBe(new Uri("https://sns.cn-north-1.amazonaws.com.cn/"));
    }

    [Fact]
    public void Resolve_ServiceEnvironmentVariable_BeatsGlobalOneAndRegion()
    {
        var environment = TestClients.Environment(("AWS_REGION", "eu-west-1"), ("AWS_ENDPOINT_URL", "http://global:1"), ("AWS_ENDPOINT_URL_REKOGNITION", "http://127.0.0.1:9500"));

        var endpoint = AwsEndpoint.Resolve(AmazonRekognitionClient.Service, NoSettings, environment);

        endpoint.BaseUri.ShouldBe(new Uri("http://127.0.0.1:9500/"));
        endpoint.SigningRegion.ShouldBe("eu-west-1");
    }

    [Fact]
    public void Resolve_GlobalEnvironmentVariable_UsedWhenNoServiceOne()
    {
        var endpoint = AwsEndpoint.Resolve(AmazonSimpleNotificationServiceClient.Service, NoSettings, TestClients.Environment(("AWS_ENDPOINT_URL", "http://localhost:4566")));

        endpoint.BaseUri.ShouldBe(new Uri("http://localhost:4566/"));
        endpoint.SigningRegion.ShouldBe("us-east-1");
    }

    [Fact]
    public void Resolve_ServiceUrl_BeatsEnvironment()
    {
        var environment = TestClients.Environment(("AWS_ENDPOINT_URL_SNS", "http://from-env:1"));

        var endpoint = AwsEndpoint.Resolve(AmazonSimpleNotificationServiceClient.Service, NoSettings with { ServiceUrl = "http://from-config:2" }, environment);

        endpoint.BaseUri.ShouldBe(new Uri("http://from-config:2/"));
    }

    [Fact]
    public void Resolve_ManagementEnvironmentName_IsServiceIdUpperCased()
    {
        var endpoint = AwsEndpoint.Resolve(AmazonApiGatewayManagementApiClient.Service, NoSettings, TestClients.Environment(("AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI", "http://127.0.0.1:8080/local/apigw")));

        endpoint.BaseUri.AbsolutePath.ShouldBe("/local/apigw");
    }

    [Fact]
    public void Resolve_ExecuteApiHostWithoutRegionSetting_SignsForHostRegion()
    {
        var endpoint = AwsEndpoint.Resolve(AmazonApiGatewayManagementApiClient.Service, NoSettings with { ServiceUrl = "https://abc.execute-api.ap-southeast-2.amazonaws.com/prod" }, TestClients.Environment());

        endpoint.SigningRegion.ShouldBe("ap-southeast-2");
    }

    [Fact]
    public void Resolve_NoRegionAndNoEndpoint_ThrowsClientException()
    {
        Should.Throw<AmazonClientException>(() => AwsEndpoint.Resolve(AmazonRekognitionClient.Service, NoSettings, TestClients.Environment()))
            .Message.ShouldContain("AWS_REGION");
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com")]
    public void Resolve_BadServiceUrl_ThrowsClientException(string serviceUrl)
    {
        Should.Throw<AmazonClientException>(() => AwsEndpoint.Resolve(AmazonRekognitionClient.Service, NoSettings with { ServiceUrl = serviceUrl }, TestClients.Environment()));
    }

    [Theory]
    [InlineData("abc.execute-api.eu-west-1.amazonaws.com", "eu-west-1")]
    [InlineData("rekognition.us-gov-west-1.amazonaws.com", "us-gov-west-1")]
    [InlineData("sns.cn-north-1.amazonaws.com.cn", "cn-north-1")]
    [InlineData("127.0.0.1", null)]
    [InlineData("localhost", null)]
    [InlineData("sns.amazonaws.com", null)]
    public void RegionFromHost_Host_FindsLabelBeforeAmazonaws(string host, string? expected)
    {
        AwsEndpoint.RegionFromHost(host).ShouldBe(expected);
    }

    [Fact]
    public async Task Client_DefaultConstructorWithEnvironment_SendsToConfiguredEndpoint()
    {
        var handler = RecordingHandler.Answering(System.Net.HttpStatusCode.OK, "{}");
        using var client = TestClients.Rekognition(handler, environment: TestClients.Environment(("AWS_REGION", "eu-central-1"), ("AWS_ENDPOINT_URL_REKOGNITION", "http://127.0.0.1:9400")));

        await client.DetectLabelsAsync(new Amazon.Rekognition.Model.DetectLabelsRequest());

        handler.Single.Uri.ShouldBe(new Uri("http://127.0.0.1:9400/"));
        handler.Single.Scope[1].ShouldBe("eu-central-1");
    }
}
