using System.Net;
using Amazon.ApiGatewayManagementApi;
using Amazon.ApiGatewayManagementApi.Model;
using Amazon.Runtime;

namespace ImageLabelsLive.Aws.Tests.StandIns;

public class ApiGatewayManagementApiClientTests
{
    private const string ConnectionId = "QyUg1czHCYcCHXw=";

    [Fact]
    public async Task PostToConnectionAsync_StageEndpoint_PostsDataToEncodedConnectionPath()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.OK);
        using var client = TestClients.Management(handler);
        using var data = new MemoryStream("{\"type\":\"image\"}"u8.ToArray());

        var response = await client.PostToConnectionAsync(new PostToConnectionRequest { ConnectionId = ConnectionId, Data = data });

        response.HttpStatusCode.ShouldBe(HttpStatusCode.OK);
        var request = handler.Single;
        request.Method.ShouldBe(HttpMethod.Post);
        request.Uri.AbsoluteUri.ShouldBe("https://abc123.execute-api.eu-west-1.amazonaws.com/prod/%40connections/QyUg1czHCYcCHXw%3D");
        request.BodyText.ShouldBe("{\"type\":\"image\"}");
        request.Scope.ShouldBe(["20150830", "eu-west-1", "execute-api", "aws4_request"]);
        SignatureCheck.ShouldVerify(request, TestClients.Credentials);
    }

    [Fact]
    public async Task PostToConnectionAsync_ConnectionIdWithEquals_SignsTheWirePathEncodedAgainAsApiGatewayDoes()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.OK);
        using var client = TestClients.Management(handler);

        await client.PostToConnectionAsync(new PostToConnectionRequest { ConnectionId = ConnectionId, Data = new MemoryStream("x"u8.ToArray()) });

        // Services other than S3 canonicalize the already-encoded wire path once more: %40 → %2540, %3D → %253D.
        var hash = handler.Single.Header("X-Amz-Content-SHA256")!;
        var canonical = string.Join('\n',
            "POST",
            "/prod/%2540connections/QyUg1czHCYcCHXw%253D",
            "",
            "content-type:application/octet-stream",
            "host:abc123.execute-api.eu-west-1.amazonaws.com",
            "x-amz-content-sha256:" + hash,
            "x-amz-date:20150830T123600Z",
            "",
            "content-type;host;x-amz-content-sha256;x-amz-date",
            hash);
        handler.Single.Authorization.Signature.ShouldBe(SigV4Oracle.Sign(canonical, TestClients.SecretKey, "eu-west-1", "execute-api", TestClients.SignedAt));
    }

    [Fact]
    public async Task PostToConnectionAsync_StreamPartlyRead_SendsFromPositionToEnd()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.OK);
        using var client = TestClients.Management(handler);
        using var data = new MemoryStream("skip:payload"u8.ToArray()) { Position = 5 };

        await client.PostToConnectionAsync(new PostToConnectionRequest { ConnectionId = "c1", Data = data });

        handler.Single.BodyText.ShouldBe("payload");
    }

    [Fact]
    public async Task PostToConnectionAsync_LocalEndpointWithPath_KeepsPathAndSignsForUsEast1()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.OK);
        using var client = TestClients.Management(handler, "http://127.0.0.1:8080/local/apigw", TestClients.Environment(("AWS_REGION", "us-west-2")));

        await client.PostToConnectionAsync(new PostToConnectionRequest { ConnectionId = "a/b c", Data = new MemoryStream([1]) });

        handler.Single.Uri.AbsoluteUri.ShouldBe("http://127.0.0.1:8080/local/apigw/%40connections/a%2Fb%20c");
        // Assigning ServiceURL cleared the config's region (as on AWSSDK's ClientConfig), so AWS_REGION no longer applies.
        handler.Single.Scope[1].ShouldBe("us-east-1");
    }

    [Theory]
    [InlineData(null, null, "eu-west-1")]
    [InlineData("ap-south-1", null, "eu-west-1")]
    [InlineData("ap-south-1", "ca-central-1", "ca-central-1")]
    public async Task PostToConnectionAsync_SigningRegion_AuthenticationRegionThenHostNeverEnvironment(string? awsRegion, string? authenticationRegion, string expected)
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.OK);
        var environment = awsRegion is null ? TestClients.Environment() : TestClients.Environment(("AWS_REGION", awsRegion));
        using var client = TestClients.Management(handler, environment: environment, authenticationRegion: authenticationRegion);

        await client.PostToConnectionAsync(new PostToConnectionRequest { ConnectionId = ConnectionId, Data = new MemoryStream([1]) });

        handler.Single.Scope[1].ShouldBe(expected);
    }

    [Fact]
    public async Task GetConnectionAsync_Answer_ReadsTimesAndIdentity()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.OK, """
            {"connectedAt":"2024-01-20T11:54:57.419Z","identity":{"sourceIp":"49.105.91.154","userAgent":"Mozilla/5.0"},"lastActiveAt":"2024-01-20T11:55:08Z"}
            """, "application/json", ("x-amzn-RequestId", "get-1"));
        using var client = TestClients.Management(handler);

        var response = await client.GetConnectionAsync(new GetConnectionRequest { ConnectionId = ConnectionId });

        handler.Single.Method.ShouldBe(HttpMethod.Get);
        handler.Single.Uri.AbsolutePath.ShouldBe("/prod/%40connections/QyUg1czHCYcCHXw%3D");
        handler.Single.Body.ShouldBeEmpty();
        response.ConnectedAt.ShouldBe(new DateTime(2024, 1, 20, 11, 54, 57, 419, DateTimeKind.Utc));
        response.ConnectedAt!.Value.Kind.ShouldBe(DateTimeKind.Utc);
        response.LastActiveAt.ShouldBe(new DateTime(2024, 1, 20, 11, 55, 8, DateTimeKind.Utc));
        response.Identity!.SourceIp.ShouldBe("49.105.91.154");
        response.Identity.UserAgent.ShouldBe("Mozilla/5.0");
        response.ResponseMetadata.RequestId.ShouldBe("get-1");
    }

    [Fact]
    public async Task GetConnectionAsync_EpochSecondTimes_ReadsThemAsTheSdkDoes()
    {
        // The model says ISO 8601; AWSSDK.Core's timestamp reader also takes epoch seconds (moto sends those).
        var handler = RecordingHandler.Answering(HttpStatusCode.OK, """
            {"connectedAt":1705751697.419,"identity":{"sourceIp":"49.105.91.154","userAgent":"Mozilla/5.0"},"lastActiveAt":1705751708}
            """, "application/json");
        using var client = TestClients.Management(handler);

        var response = await client.GetConnectionAsync(new GetConnectionRequest { ConnectionId = ConnectionId });

        response.ConnectedAt.ShouldBe(new DateTime(2024, 1, 20, 11, 54, 57, 419, DateTimeKind.Utc));
        response.LastActiveAt.ShouldBe(new DateTime(2024, 1, 20, 11, 55, 8, DateTimeKind.Utc));
    }

    [Fact]
    public async Task DeleteConnectionAsync_NoContent_SendsSignedDelete()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.NoContent);
        using var client = TestClients.Management(handler);

        var response = await client.DeleteConnectionAsync(new DeleteConnectionRequest { ConnectionId = ConnectionId });

        response.HttpStatusCode.ShouldBe(HttpStatusCode.NoContent);
        handler.Single.Method.ShouldBe(HttpMethod.Delete);
        handler.Single.Uri.AbsolutePath.ShouldBe("/prod/%40connections/QyUg1czHCYcCHXw%3D");
        handler.Single.Header("X-Amz-Content-SHA256").ShouldBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        SignatureCheck.ShouldVerify(handler.Single, TestClients.Credentials);
    }

    [Theory]
    [InlineData(410, typeof(GoneException), "GoneException")]
    [InlineData(403, typeof(ForbiddenException), "ForbiddenException")]
    [InlineData(429, typeof(LimitExceededException), "LimitExceededException")]
    [InlineData(413, typeof(PayloadTooLargeException), "PayloadTooLargeException")]
    [InlineData(500, typeof(AmazonApiGatewayManagementApiException), null)]
    public async Task PostToConnectionAsync_BareStatus_ThrowsExceptionTheModelDeclaresForIt(int status, Type expected, string? code)
    {
        var handler = RecordingHandler.Answering((HttpStatusCode)status, "", headers: ("x-amzn-RequestId", "r-1"));
        using var client = TestClients.Management(handler);

        var exception = await Should.ThrowAsync<AmazonApiGatewayManagementApiException>(
            () => client.PostToConnectionAsync(new PostToConnectionRequest { ConnectionId = ConnectionId, Data = new MemoryStream([1]) }));

        exception.GetType().ShouldBe(expected);
        exception.ErrorCode.ShouldBe(code);
        exception.StatusCode.ShouldBe((HttpStatusCode)status);
        exception.RequestId.ShouldBe("r-1");
        exception.ErrorType.ShouldBe(status >= 500 ? ErrorType.Receiver : ErrorType.Sender);
    }

    [Fact]
    public async Task PostToConnectionAsync_ErrorTypeHeader_MapsByNameWithMessage()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.BadRequest, """{"message":"Message too long"}""", "application/json", ("x-amzn-ErrorType", "PayloadTooLargeException"));
        using var client = TestClients.Management(handler);

        var exception = await Should.ThrowAsync<PayloadTooLargeException>(
            () => client.PostToConnectionAsync(new PostToConnectionRequest { ConnectionId = ConnectionId, Data = new MemoryStream([1]) }));

        exception.Message.ShouldBe("Message too long");
        exception.ErrorCode.ShouldBe("PayloadTooLargeException");
    }

    [Fact]
    public async Task PostToConnectionAsync_NoConnectionId_ThrowsWithoutSending()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.OK);
        using var client = TestClients.Management(handler);

        await Should.ThrowAsync<AmazonApiGatewayManagementApiException>(() => client.PostToConnectionAsync(new PostToConnectionRequest { Data = new MemoryStream([1]) }));

        handler.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task PostToConnectionAsync_ManyInParallel_SignsEachAndSendsAll()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.OK);
        using var client = TestClients.Management(handler);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            client.PostToConnectionAsync(new PostToConnectionRequest { ConnectionId = "c" + i, Data = new MemoryStream([(byte)i]) })));

        handler.Requests.Count.ShouldBe(200);
        handler.Requests.Select(request => request.Uri.AbsolutePath).Distinct().Count().ShouldBe(200);
        foreach (var request in handler.Requests.Take(10))
        {
            SignatureCheck.ShouldVerify(request, TestClients.Credentials);
        }
    }
}
