using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.DynamoDBEvents;
using Amazon.Lambda.S3Events;
using ImageLabelsLive.Aws.Serialization;

namespace ImageLabelsLive.Aws.Tests.StandIns;

public class LambdaEventSerializationTests
{
    [Fact]
    public void S3Event_OwnFixture_ReadsRecordBucketAndObject()
    {
        var s3Event = JsonSerializer.Deserialize(LambdaEventFixtures.S3ObjectCreated, LambdaJson.Default.S3Event)!;

        var record = s3Event.Records.ShouldHaveSingleItem();
        record.EventName.ShouldBe("ObjectCreated:Put");
        record.EventSource.ShouldBe("aws:s3");
        record.AwsRegion.ShouldBe("eu-west-1");
        record.EventTime.ShouldBe(new DateTime(2026, 11, 21, 9, 0, 0, 123, DateTimeKind.Utc));
        record.EventTime.Kind.ShouldBe(DateTimeKind.Utc);
        record.S3!.Bucket!.Name.ShouldBe("image-labels-uploads");
        record.S3.Bucket.Arn.ShouldBe("arn:aws:s3:::image-labels-uploads");
        record.S3.Object!.Key.ShouldBe("uploads/Q1mHs_x-9aZ3kLpqR7tWvA/0c6f7b8e-2f1d-4c3a-9b8e-7d6c5b4a3f21");
        record.S3.Object.Size.ShouldBe(48213);
        record.S3.Object.ETag.ShouldBe("d41d8cd98f00b204e9800998ecf8427e");
        record.S3.Object.VersionId.ShouldBe("3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY");
        record.S3.Object.Sequencer.ShouldBe("0055AED6DCD90281E5");
        record.ResponseElements!.XAmzRequestId.ShouldBe("C3D13FE58DE4C810");
        record.RequestParameters!.SourceIPAddress.ShouldBe("203.0.113.7");
    }

    [Fact]
    public void DynamoDBEvent_OwnFixture_ReadsImagesOfEveryAttributeKind()
    {
        var streamEvent = JsonSerializer.Deserialize(LambdaEventFixtures.DynamoDbStreamModify, LambdaJson.Default.DynamoDBEvent)!;

        streamEvent.Records!.Count.ShouldBe(2);
        var modify = streamEvent.Records[0];
        modify.EventID.ShouldBe("c81e728d9d4c2f636f067f89cc14862c");
        modify.EventName.ShouldBe("MODIFY");
        modify.EventSourceArn.ShouldBe("arn:aws:dynamodb:eu-west-1:123456789012:table/Images/stream/2026-11-21T00:00:00.000");
        var change = modify.Dynamodb!;
        change.ApproximateCreationDateTime.ShouldBe(new DateTime(2025, 11, 21, 9, 0, 0, DateTimeKind.Utc));
        change.SequenceNumber.ShouldBe("4421584500000000017450439092");
        change.SizeBytes.ShouldBe(321);
        change.StreamViewType.ShouldBe("NEW_AND_OLD_IMAGES");
        change.Keys!["imageId"].S.ShouldBe("0c6f7b8e");
        change.OldImage!["status"].S.ShouldBe("processing");
        var image = change.NewImage!;
        image["status"].S.ShouldBe("labeled");
        image["size"].N.ShouldBe("48213");
        image["thumbnail"].B!.ToArray().ShouldBe(Convert.FromBase64String("iVBORw0KGgo="));
        image["tags"].SS.ShouldBe(["a", "b"]);
        image["scores"].NS.ShouldBe(["1", "2.5"]);
        image["blobs"].BS!.Select(blob => Convert.ToBase64String(blob.ToArray())).ShouldBe(["AAEqQQ==", "QSoBAA=="]);
        image["error"].NULL.ShouldBe(true);
        image["seen"].BOOL.ShouldBe(false);
        image["seen"].NULL.ShouldBeNull();
        var label = image["labels"].L.ShouldHaveSingleItem().M!;
        label["name"].S.ShouldBe("Cat");
        label["confidence"].N.ShouldBe("98.5");
        label["parents"].L!.Single().S.ShouldBe("Pet");

        var remove = streamEvent.Records[1];
        remove.UserIdentity!.PrincipalId.ShouldBe("dynamodb.amazonaws.com");
        remove.UserIdentity.Type.ShouldBe("Service");
        remove.Dynamodb!.ApproximateCreationDateTime.ShouldBe(new DateTime(2025, 11, 21, 9, 0, 1, 500, DateTimeKind.Utc));
        remove.Dynamodb.NewImage.ShouldBeNull();
    }

    [Fact]
    public void APIGatewayHttpApiV2ProxyRequest_OwnFixture_ReadsRouteContextAndBody()
    {
        var request = JsonSerializer.Deserialize(LambdaEventFixtures.HttpApiPostUploads, LambdaJson.Default.APIGatewayHttpApiV2ProxyRequest)!;

        request.RouteKey.ShouldBe("POST /uploads");
        request.RawPath.ShouldBe("/uploads");
        request.RawQueryString.ShouldBe("trace=1");
        request.Cookies.ShouldBe(["theme=dark"]);
        request.Headers!["content-type"].ShouldBe("application/json");
        request.QueryStringParameters!["trace"].ShouldBe("1");
        request.PathParameters!["feedId"].ShouldBe("Q1mHs_x-9aZ3kLpqR7tWvA");
        request.StageVariables!["env"].ShouldBe("test");
        request.IsBase64Encoded.ShouldBeTrue();
        Encoding.UTF8.GetString(Convert.FromBase64String(request.Body!)).ShouldBe("{\"feedId\":\"Q1mHs_x-9aZ3kLpqR7tWvA\"}");
        var context = request.RequestContext!;
        context.Http!.Method.ShouldBe("POST");
        context.Http.Path.ShouldBe("/uploads");
        context.Http.SourceIp.ShouldBe("203.0.113.7");
        context.Http.UserAgent.ShouldBe("Mozilla/5.0");
        context.RouteKey.ShouldBe("POST /uploads");
        context.Stage.ShouldBe("$default");
        context.RequestId.ShouldBe("JKJaXmPLvHcESHA=");
        context.DomainName.ShouldBe("a1b2c3.execute-api.eu-west-1.amazonaws.com");
        context.TimeEpoch.ShouldBe(1763715600123);
    }

    [Theory]
    [InlineData(LambdaEventFixtures.WebSocketConnect, "$connect", "CONNECT", null)]
    [InlineData(LambdaEventFixtures.WebSocketMessage, "$default", "MESSAGE", "{\"action\":\"ping\"}")]
    [InlineData(LambdaEventFixtures.WebSocketDisconnect, "$disconnect", "DISCONNECT", null)]
    public void APIGatewayProxyRequest_OwnWebSocketFixture_ReadsConnectionRouteAndBody(string json, string routeKey, string eventType, string? body)
    {
        var request = JsonSerializer.Deserialize(json, LambdaJson.Default.APIGatewayProxyRequest)!;

        request.RequestContext!.ConnectionId.ShouldBe("BFHPhfCWIAMCKlQ=");
        request.RequestContext.RouteKey.ShouldBe(routeKey);
        request.RequestContext.EventType.ShouldBe(eventType);
        request.RequestContext.ConnectedAt.ShouldBe(1763715600000);
        request.RequestContext.DomainName.ShouldBe("ws1234.execute-api.eu-west-1.amazonaws.com");
        request.RequestContext.Stage.ShouldBe("prod");
        request.RequestContext.Identity!.SourceIp.ShouldBe("203.0.113.7");
        request.Body.ShouldBe(body);
        request.IsBase64Encoded.ShouldBeFalse();
    }

    [Fact]
    public void APIGatewayProxyRequest_OwnConnectFixture_ReadsFeedQueryAndMessageIdOnlyOnMessages()
    {
        var connect = JsonSerializer.Deserialize(LambdaEventFixtures.WebSocketConnect, LambdaJson.Default.APIGatewayProxyRequest)!;
        var message = JsonSerializer.Deserialize(LambdaEventFixtures.WebSocketMessage, LambdaJson.Default.APIGatewayProxyRequest)!;

        connect.QueryStringParameters!["feed"].ShouldBe("Q1mHs_x-9aZ3kLpqR7tWvA");
        connect.MultiValueQueryStringParameters!["feed"].ShouldBe(["Q1mHs_x-9aZ3kLpqR7tWvA"]);
        connect.Headers!["Sec-WebSocket-Version"].ShouldBe("13");
        connect.RequestContext!.MessageId.ShouldBeNull();
        message.RequestContext!.MessageId.ShouldBe("BFaVtfGSIAMCKug=");
        message.QueryStringParameters.ShouldBeNull();
    }

    public static TheoryData<string, string> Fixtures() => new()
    {
        { nameof(LambdaEventFixtures.S3ObjectCreated), LambdaEventFixtures.S3ObjectCreated },
        { nameof(LambdaEventFixtures.DynamoDbStreamModify), LambdaEventFixtures.DynamoDbStreamModify },
        { nameof(LambdaEventFixtures.HttpApiPostUploads), LambdaEventFixtures.HttpApiPostUploads },
        { nameof(LambdaEventFixtures.HttpApiResponse), LambdaEventFixtures.HttpApiResponse },
        { nameof(LambdaEventFixtures.WebSocketConnect), LambdaEventFixtures.WebSocketConnect },
        { nameof(LambdaEventFixtures.WebSocketMessage), LambdaEventFixtures.WebSocketMessage },
        { nameof(LambdaEventFixtures.WebSocketDisconnect), LambdaEventFixtures.WebSocketDisconnect },
        { nameof(LambdaEventFixtures.WebSocketResponse), LambdaEventFixtures.WebSocketResponse },
        { nameof(LambdaEventFixtures.StreamsResponse), LambdaEventFixtures.StreamsResponse },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Serialize_OwnFixture_KeepsEveryValueAndIsStable(string name, string json)
    {
        var written = name switch
        {
            nameof(LambdaEventFixtures.S3ObjectCreated) => RoundTrip(json, LambdaJson.Default.S3Event),
            nameof(LambdaEventFixtures.DynamoDbStreamModify) => RoundTrip(json, LambdaJson.Default.DynamoDBEvent),
            nameof(LambdaEventFixtures.HttpApiPostUploads) => RoundTrip(json, LambdaJson.Default.APIGatewayHttpApiV2ProxyRequest),
            nameof(LambdaEventFixtures.HttpApiResponse) => RoundTrip(json, LambdaJson.Default.APIGatewayHttpApiV2ProxyResponse),
            nameof(LambdaEventFixtures.WebSocketResponse) => RoundTrip(json, LambdaJson.Default.APIGatewayProxyResponse),
            nameof(LambdaEventFixtures.StreamsResponse) => RoundTrip(json, LambdaJson.Default.StreamsEventResponse),
            _ => RoundTrip(json, LambdaJson.Default.APIGatewayProxyRequest),
        };

        // Written under the serializer's names (the types' own), read back in any case: every value survives both ways.
        var differences = new List<string>();
        Contracts.LambdaEventContractTests.CompareSubset(JsonNode.Parse(written), JsonNode.Parse(json), "$", differences);
        Contracts.LambdaEventContractTests.CompareSubset(JsonNode.Parse(json), JsonNode.Parse(written), "$", differences);
        differences.ShouldBeEmpty(written);
    }

    [Fact]
    public void Serialize_StreamsEventResponse_UsesLambdaNames()
    {
        var response = new StreamsEventResponse { BatchItemFailures = [new StreamsEventResponse.BatchItemFailure { ItemIdentifier = "111" }] };

        JsonSerializer.Serialize(response, LambdaJson.Default.StreamsEventResponse).ShouldBe("""{"batchItemFailures":[{"itemIdentifier":"111"}]}""");
        JsonSerializer.Serialize(new StreamsEventResponse { BatchItemFailures = [] }, LambdaJson.Default.StreamsEventResponse).ShouldBe("""{"batchItemFailures":[]}""");
    }

    [Fact]
    public void Serialize_ResponseWithUnsetMembers_LeavesThemOut()
    {
        var json = JsonSerializer.Serialize(new APIGatewayProxyResponse { StatusCode = 400, Body = "no feed" }, LambdaJson.Default.APIGatewayProxyResponse);

        json.ShouldBe("""{"statusCode":400,"body":"no feed","isBase64Encoded":false}""");
    }

    [Fact]
    public async Task DeserializeAsync_StreamWithByteOrderMark_Reads()
    {
        using var stream = new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(LambdaEventFixtures.S3ObjectCreated)]);

        var s3Event = await JsonSerializer.DeserializeAsync(stream, LambdaJson.Default.S3Event);

        s3Event!.Records!.Single().S3!.Object!.Size.ShouldBe(48213);
    }

    [Fact]
    public void Deserialize_DifferentlyCasedNames_ReadsAsLambdaDoes()
    {
        var request = JsonSerializer.Deserialize("""{"RequestContext":{"ConnectionId":"abc="},"Body":"x"}""", LambdaJson.Default.APIGatewayProxyRequest)!;

        request.RequestContext!.ConnectionId.ShouldBe("abc=");
        request.Body.ShouldBe("x");
    }

    [Fact]
    public void Deserialize_ApproximateCreationDateTimeAsIsoString_Reads()
    {
        var streamEvent = JsonSerializer.Deserialize("""{"Records":[{"dynamodb":{"ApproximateCreationDateTime":"2024-01-20T11:55:08Z"}}]}""", LambdaJson.Default.DynamoDBEvent)!;

        streamEvent.Records!.Single().Dynamodb!.ApproximateCreationDateTime.ShouldBe(new DateTime(2024, 1, 20, 11, 55, 8, DateTimeKind.Utc));
    }

    [Fact]
    public void Deserialize_BinarySetNotAnArray_ThrowsJsonException()
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize("""{"BS":"AAEqQQ=="}""", LambdaJson.Default.AttributeValue));
    }

    private static string RoundTrip<T>(string json, JsonTypeInfo<T> type)
        where T : class =>
        JsonSerializer.Serialize(JsonSerializer.Deserialize(json, type)!, type);
}
