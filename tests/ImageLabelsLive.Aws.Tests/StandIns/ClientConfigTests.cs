using System.Net;
using Amazon;
using Amazon.ApiGatewayManagementApi;
using Amazon.Rekognition;
using Amazon.Runtime;
using Amazon.SimpleNotificationService;

namespace ImageLabelsLive.Aws.Tests.StandIns;

/// <summary>The stand-in configs behave as AWSSDK's ClientConfig: RegionEndpoint and ServiceURL exclude each other.</summary>
public class ClientConfigTests
{
    [Fact]
    public void ServiceUrl_AssignedNull_ClearsTheRegion()
    {
        var rekognition = new AmazonRekognitionConfig { RegionEndpoint = RegionEndpoint.EUWest1 };
        var sns = new AmazonSimpleNotificationServiceConfig { RegionEndpoint = RegionEndpoint.EUWest1 };
        var management = new AmazonApiGatewayManagementApiConfig { RegionEndpoint = RegionEndpoint.EUWest1 };

        rekognition.ServiceURL = null;
        sns.ServiceURL = null;
        management.ServiceURL = null;

        rekognition.RegionEndpoint.ShouldBeNull();
        sns.RegionEndpoint.ShouldBeNull();
        management.RegionEndpoint.ShouldBeNull();
    }

    [Fact]
    public void Client_ServiceUrlAssignedNull_DoesNotConstructEvenWithAwsRegion()
    {
        var config = new AmazonRekognitionConfig();
        config.ServiceURL = null;

        Should.Throw<AmazonClientException>(() => TestClients.Rekognition(RecordingHandler.Answering(HttpStatusCode.OK), config, TestClients.Environment(("AWS_REGION", "eu-west-1"))))
            .Message.ShouldContain("No RegionEndpoint or ServiceURL");
    }

    [Fact]
    public void RegionEndpoint_AssignedAfterServiceUrl_ClearsServiceUrl()
    {
        var config = new AmazonSimpleNotificationServiceConfig { ServiceURL = "http://127.0.0.1:9000" };

        config.RegionEndpoint = RegionEndpoint.USWest2;

        config.ServiceURL.ShouldBeNull();
        config.RegionEndpoint.ShouldBe(RegionEndpoint.USWest2);
    }

    [Fact]
    public void MaxErrorRetry_Default_IsTheStandardModesTwo()
    {
        new AmazonRekognitionConfig().MaxErrorRetry.ShouldBe(2);
        new AmazonSimpleNotificationServiceConfig().MaxErrorRetry.ShouldBe(2);
        new AmazonApiGatewayManagementApiConfig().MaxErrorRetry.ShouldBe(2);
    }

    [Fact]
    public async Task SendAsync_ThrottledThenAnswered_RetriesUpToMaxErrorRetry()
    {
        var handler = new ScriptedStatusHandler(HttpStatusCode.TooManyRequests, HttpStatusCode.OK);
        using var client = TestClients.Management(handler, maxErrorRetry: 1);

        await client.PostToConnectionAsync(new Amazon.ApiGatewayManagementApi.Model.PostToConnectionRequest { ConnectionId = "c1", Data = new MemoryStream([1]) });

        handler.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task SendAsync_MaxErrorRetryZero_SendsOnce()
    {
        var handler = new ScriptedStatusHandler(HttpStatusCode.TooManyRequests, HttpStatusCode.OK);
        using var client = TestClients.Management(handler, maxErrorRetry: 0);

        await Should.ThrowAsync<AmazonApiGatewayManagementApiException>(() =>
            client.PostToConnectionAsync(new Amazon.ApiGatewayManagementApi.Model.PostToConnectionRequest { ConnectionId = "c1", Data = new MemoryStream([1]) }));

        handler.Calls.ShouldBe(1);
    }

    /// <summary>Answers each request with the next status in turn.</summary>
    private sealed class ScriptedStatusHandler(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(statuses[Math.Min(Calls++, statuses.Length - 1)]) { Content = new StringContent("{}") });
    }
}
