using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.DynamoDBEvents;
using Amazon.Lambda.S3Events;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Testing;

namespace ImageLabelsLive.Aws.Tests.Contracts;

/// <summary>AWS's own event payloads (contracts/events) read into the stand-in event types, and written back unchanged.</summary>
public class LambdaEventContractTests
{
    private enum EventKind
    {
        S3,
        DynamoDbStream,
        HttpApiV2,
        WebSocket,
        NotConsumed,
    }

    /// <summary>The event files a function consumes (SNS events are published here, never consumed).</summary>
    public static TheoryData<string> ConsumedEvents()
    {
        var files = new TheoryData<string>();
        if (SharedData.Directory is null)
        {
            files.Add("(../shared absent)");
            return files;
        }
        foreach (var file in Directory.GetFiles(SharedData.PathOf("contracts", "events"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (KindOf(file!) != EventKind.NotConsumed)
            {
                files.Add(file!);
            }
        }
        return files;
    }

    [SharedFact]
    public void EventsFolder_EveryFile_IsAKindWeReadOrAnSnsNotification()
    {
        var files = Directory.GetFiles(SharedData.PathOf("contracts", "events"), "*.json").Select(Path.GetFileName).ToList();

        files.Where(file => KindOf(file!) == EventKind.NotConsumed).ShouldAllBe(file => file!.Contains("sns", StringComparison.Ordinal));
        ConsumedEvents().Count.ShouldBe(21);
    }

    [SharedTheory]
    [InlineData("aws-lambda-dotnet_s3-event.json", 2, "sourcebucket", "New+File.jpg", 1024L, "0123456789abcdef0123456789abcdef", "0A1B2C3D4E5F678901", null, "1970-01-01T00:00:00.000Z", "us-east-1")]
    [InlineData("aws-lambda-go_s3-event.json", 1, "sourcebucket", "Happy%20Face.jpg", 1024L, "d41d8cd98f00b204e9800998ecf8427e", "Happy Sequencer", "version", "1970-01-01T00:00:00.123Z", "us-east-1")]
    [InlineData("sam-cli_s3-put.json", 1, "example-bucket", "test/key", 1024L, "0123456789abcdef0123456789abcdef", "0A1B2C3D4E5F678901", null, "1970-01-01T00:00:00.000Z", "us-east-1")]
    [InlineData("sam-cli_rekognition-s3-request.json", 1, "example-bucket", "test/key", 1024L, "0123456789abcdef0123456789abcdef", "0A1B2C3D4E5F678901", null, "1970-01-01T00:00:00.000Z", "us-east-1")]
    [InlineData("powertools-python_s3-event.json", 1, "lambda-artifacts-deafc19498e3f2df", "b21b84d653bb07b05b1e6b33684dc11b", 1305107L, "b21b84d653bb07b05b1e6b33684dc11b", "0C0F6F405D6ED209E1", null, "2019-09-03T19:37:27.192Z", "us-east-2")]
    public void S3Event_AwsPayload_ReadsTheFieldsProcessImageUses(string file, int records, string bucket, string key, long size, string eTag, string sequencer, string? versionId, string time, string region)
    {
        var s3Event = Read(file, LambdaJson.Default.S3Event);

        s3Event.Records!.Count.ShouldBe(records);
        var record = s3Event.Records![^1];
        record.EventName.ShouldBe("ObjectCreated:Put");
        record.EventSource.ShouldBe("aws:s3");
        record.AwsRegion.ShouldBe(region);
        record.EventTime.ShouldBe(DateTime.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
        record.S3!.Bucket!.Name.ShouldBe(bucket);
        record.S3.Object!.Key.ShouldBe(key);
        record.S3.Object.Size.ShouldBe(size);
        record.S3.Object.ETag.ShouldBe(eTag);
        record.S3.Object.Sequencer.ShouldBe(sequencer);
        record.S3.Object.VersionId.ShouldBe(versionId);
    }

    [SharedFact]
    public void DynamoDBEvent_DotnetPayload_ReadsImagesOfEveryAttributeKind()
    {
        var streamEvent = Read("aws-lambda-dotnet_dynamodb-event.json", LambdaJson.Default.DynamoDBEvent);

        streamEvent.Records!.Select(record => record.EventName).ShouldBe(["INSERT", "REMOVE"]);
        var insert = streamEvent.Records![0];
        insert.EventID.ShouldBe("f07f8ca4b0b26cb9c4e5e77e69f274ee");
        insert.EventSource.ShouldBe("aws:dynamodb");
        insert.EventSourceArn.ShouldBe("arn:aws:dynamodb:us-east-1:123456789012:table/Example-Table/stream/2016-12-01T00:00:00.000");
        insert.Dynamodb!.ApproximateCreationDateTime.ShouldBe(new DateTime(2016, 12, 2, 1, 27, 0, DateTimeKind.Utc));
        insert.Dynamodb.SequenceNumber.ShouldBe("1405400000000002063282832");
        insert.Dynamodb.SizeBytes.ShouldBe(54);
        insert.Dynamodb.StreamViewType.ShouldBe("NEW_AND_OLD_IMAGES");
        insert.Dynamodb.Keys!["key"].S.ShouldBe("binary");
        var image = insert.Dynamodb.NewImage!;
        image["asdf1"].B!.ToArray().ShouldBe(new byte[] { 0x00, 0x01, 0x2A, 0x41 });
        image["asdf2"].BS!.Count.ShouldBe(2);
        image["misc1"].L.ShouldBeEmpty();
        var misc = image["misc2"].M!;
        misc["ItemsNonEmpty"].L!.Select(item => item.S ?? item.N).ShouldBe(["Cookies", "Coffee", "3.14159"]);
        misc["ItemBoolean"].BOOL.ShouldBe(false);
        misc["ItemNumberSet"].NS.ShouldBe(["0", "50", "150"]);
        misc["ItemNull"].NULL.ShouldBe(true);
        misc["ItemStringSet"].SS.ShouldBe(["Hippo", "Zebra"]);
        misc["ItemsEmpty"].L.ShouldBeEmpty();

        var remove = streamEvent.Records[1];
        remove.UserIdentity!.PrincipalId.ShouldBe("dynamodb.amazonaws.com");
        remove.Dynamodb!.OldImage!["asdf2"].BS!.Count.ShouldBe(3);
        remove.Dynamodb.NewImage.ShouldBeNull();
        remove.Dynamodb.StreamViewType.ShouldBe("OLD_IMAGE");
    }

    [SharedFact]
    public void DynamoDBEvent_GoPayload_ReadsScalarsSetsAndNesting()
    {
        var streamEvent = Read("aws-lambda-go_dynamodb-event.json", LambdaJson.Default.DynamoDBEvent);

        var image = streamEvent.Records![1].Dynamodb!.NewImage!;
        image["Boolean"].BOOL.ShouldBe(true);
        image["Null"].NULL.ShouldBe(true);
        image["FloatNumber"].N.ShouldBe("123.45");
        image["NumberSet"].NS.ShouldBe(["1234", "567.8"]);
        image["StringSet"].SS.ShouldBe(["Giraffe", "Zebra"]);
        image["EmptyStringSet"].SS.ShouldBeEmpty();
        image["Map"].M!["Name"].S.ShouldBe("Joe");
        image["Map"].M!["Age"].N.ShouldBe("35");
        image["List"].L!.Count.ShouldBe(3);
        image["b2"].B!.ToArray().ShouldBe(Convert.FromBase64String("test"));
        streamEvent.Records[0].UserIdentity!.Type.ShouldBe("Service");
    }

    [SharedFact]
    public void DynamoDBEvent_PowertoolsPayload_ReadsFractionalTimeAndModify()
    {
        var streamEvent = Read("powertools-python_dynamodb-stream-event.json", LambdaJson.Default.DynamoDBEvent);

        streamEvent.Records![0].Dynamodb!.ApproximateCreationDateTime.ShouldBe(new DateTime(2023, 9, 6, 10, 45, 55, DateTimeKind.Utc));
        var modify = streamEvent.Records[1];
        modify.EventName.ShouldBe("MODIFY");
        modify.Dynamodb!.ApproximateCreationDateTime.ShouldBe(default);
        modify.Dynamodb.OldImage!["Message"].S.ShouldBe("New item!");
        modify.Dynamodb.NewImage!["Message"].S.ShouldBe("This item has changed");
        modify.Dynamodb.Keys!["Id"].N.ShouldBe("101");
        modify.Dynamodb.SequenceNumber.ShouldBe("222");
    }

    [SharedFact]
    public void DynamoDBEvent_SamPayload_ReadsInsertModifyRemoveInOrder()
    {
        var streamEvent = Read("sam-cli_dynamodb-update.json", LambdaJson.Default.DynamoDBEvent);

        streamEvent.Records!.Select(record => (record.EventName, record.Dynamodb!.SequenceNumber)).ShouldBe(
            [("INSERT", "4421584500000000017450439091"), ("MODIFY", "4421584500000000017450439092"), ("REMOVE", "4421584500000000017450439093")]);
        streamEvent.Records!.Select(record => record.Dynamodb!.ApproximateCreationDateTime).Distinct().ShouldBe([new DateTime(2015, 4, 9, 0, 0, 0, DateTimeKind.Utc)]);
        streamEvent.Records![2].Dynamodb!.NewImage.ShouldBeNull();
        streamEvent.Records![2].Dynamodb!.OldImage!["Message"].S.ShouldBe("This item has changed");
    }

    [SharedTheory]
    [InlineData("aws-lambda-dotnet_http-api-v2-request.json", "POST", "/my/path", "$default", "request-id", 1583348638390L, "Hello from Lambda", true)]
    [InlineData("aws-lambda-go_apigw-http-api-v2-no-authorizer.json", "GET", "/", "$default", "LV7fzho-PHcEJPw=", 1587481701067L, null, false)]
    [InlineData("sam-cli_apigateway-http-api-v2.json", "POST", "/path/to/resource", "$default", "id", 1583348638390L, "eyJ0ZXN0IjoiYm9keSJ9", true)]
    [InlineData("powertools-python_apigw-http-api-v2.json", "POST", "/my/path", "$default", "id", 1583348638390L, "{\"message\": \"hello world\", \"username\": \"tom\"}", false)]
    public void APIGatewayHttpApiV2ProxyRequest_AwsPayload_ReadsTheFieldsTheHttpFunctionsUse(string file, string method, string path, string routeKey, string requestId, long timeEpoch, string? body, bool base64)
    {
        var request = Read(file, LambdaJson.Default.APIGatewayHttpApiV2ProxyRequest);

        request.Version.ShouldBe("2.0");
        request.RouteKey.ShouldBe(routeKey);
        request.RawPath.ShouldBe(path);
        request.RequestContext!.Http!.Method.ShouldBe(method);
        request.RequestContext.Http.Path.ShouldBe(path);
        request.RequestContext.RequestId.ShouldBe(requestId);
        request.RequestContext.TimeEpoch.ShouldBe(timeEpoch);
        request.Body.ShouldBe(body);
        request.IsBase64Encoded.ShouldBe(base64);
    }

    [SharedFact]
    public void APIGatewayHttpApiV2ProxyRequest_SamPayload_ReadsParametersCookiesAndJwt()
    {
        var request = Read("sam-cli_apigateway-http-api-v2.json", LambdaJson.Default.APIGatewayHttpApiV2ProxyRequest);

        request.RawQueryString.ShouldBe("parameter1=value1&parameter1=value2&parameter2=value");
        request.QueryStringParameters!["parameter1"].ShouldBe("value1,value2");
        request.PathParameters!["parameter1"].ShouldBe("value1");
        request.Headers!["Header2"].ShouldBe("value1,value2");
        request.Cookies.ShouldBe(["cookie1", "cookie2"]);
        request.StageVariables!["stageVariable2"].ShouldBe("value2");
        request.RequestContext!.Http!.SourceIp.ShouldBe("192.168.0.1/32");
        request.RequestContext.Http.UserAgent.ShouldBe("agent");
        request.RequestContext.Authorizer!.Jwt!.Claims!["claim1"].ShouldBe("value1");
        request.RequestContext.Authorizer.Jwt.Scopes.ShouldBe(["scope1", "scope2"]);
        request.RequestContext.Authentication!.ClientCert!.Validity!.NotAfter.ShouldBe("Aug  5 09:36:04 2021 GMT");
        request.RequestContext.DomainName.ShouldBe("id.execute-api.us-east-1.amazonaws.com");
        request.RequestContext.Stage.ShouldBe("$default");
    }

    [SharedTheory]
    [InlineData("aws-lambda-dotnet_websocket-api-connect.json", "$connect", "CONNECT", "QyUg1czHCYcCHXw=", 1650301649973L, "52.95.4.0", "production", null, null)]
    [InlineData("powertools-python_apigw-websocket-connect.json", "$connect", "CONNECT", "BFHPhfCWIAMCKlQ=", 1731324924553L, "166.90.225.1", "prod", null, null)]
    [InlineData("aws-lambda-go_apigw-websocket-disconnect.json", "$disconnect", "DISCONNECT", "R1kmxc2VNjMCFIA=", 1705751697419L, "49.105.91.154", "prod", null, null)]
    [InlineData("powertools-python_apigw-websocket-disconnect.json", "$disconnect", "DISCONNECT", "BFaT_fALIAMCKug=", 1731332735513L, "166.90.225.1", "prod", null, null)]
    [InlineData("aws-lambda-go_apigw-websocket-message-default-route.json", "$default", "MESSAGE", "R1kmxc2VNjMCFIA=", 1705751697419L, "49.105.91.154", "prod", "R1knPc2ntjMCFIA=", "{\r\n\t\"a\": 1\r\n}")]
    [InlineData("powertools-python_apigw-websocket-message-custom-route.json", "chat", "MESSAGE", "BFaT_fALIAMCKug=", 1731332735513L, "166.90.225.1", "prod", "BFaVtfGSIAMCKug=", "{\"action\": \"chat\", \"message\": \"Hello from client\"}")]
    [InlineData("aws-lambda-go_apigw-websocket-connect-hybrid.json", "$connect", "CONNECT", "TWegAcC4EowCHnA=", 1547230720092L, "192.168.196.186", "testStage", null, "{\r\n\t\"a\": 1\r\n}")]
    public void APIGatewayProxyRequest_AwsWebSocketPayload_ReadsTheFieldsTheRoutesUse(string file, string routeKey, string eventType, string connectionId, long connectedAt, string sourceIp, string stage, string? messageId, string? body)
    {
        var request = Read(file, LambdaJson.Default.APIGatewayProxyRequest);

        var context = request.RequestContext!;
        context.RouteKey.ShouldBe(routeKey);
        context.EventType.ShouldBe(eventType);
        context.ConnectionId.ShouldBe(connectionId);
        context.ConnectedAt.ShouldBe(connectedAt);
        context.Identity!.SourceIp.ShouldBe(sourceIp);
        context.Stage.ShouldBe(stage);
        context.MessageId.ShouldBe(messageId);
        context.DomainName.ShouldNotBeNullOrEmpty();
        context.RequestId.ShouldNotBeNullOrEmpty();
        request.Body.ShouldBe(body);
        request.IsBase64Encoded.ShouldBeFalse();
    }

    [SharedFact]
    public void APIGatewayProxyRequest_HybridConnectPayload_ReadsQueryStringAndToleratesRestFields()
    {
        var request = Read("aws-lambda-go_apigw-websocket-connect-hybrid.json", LambdaJson.Default.APIGatewayProxyRequest);

        request.QueryStringParameters!["name"].ShouldBe("me");
        request.MultiValueQueryStringParameters!["name"].ShouldBe(["me"]);
        request.MultiValueHeaders!["Sec-WebSocket-Version"].ShouldBe(["13"]);
        request.HttpMethod.ShouldBe("POST");
        request.RequestContext!.IntegrationLatency.ShouldBe("123");
        request.RequestContext.Identity!.UserAgent.ShouldBe("PostmanRuntime/2.4.5");
    }

    /// <summary>
    /// Written back, an event says nothing its source did not: every member is one AWS sent, with the same value,
    /// except value-type members the source lacked, which come out as their defaults. Writing is also stable.
    /// </summary>
    [SharedTheory]
    [MemberData(nameof(ConsumedEvents))]
    public void Serialize_AwsPayload_WritesOnlyWhatItReadAndIsStable(string file)
    {
        var original = JsonNode.Parse(File.ReadAllBytes(SharedData.PathOf("contracts", "events", file)))!;
        var written = KindOf(file) switch
        {
            EventKind.S3 => RoundTrip(original, LambdaJson.Default.S3Event),
            EventKind.DynamoDbStream => RoundTrip(original, LambdaJson.Default.DynamoDBEvent),
            EventKind.HttpApiV2 => RoundTrip(original, LambdaJson.Default.APIGatewayHttpApiV2ProxyRequest),
            _ => RoundTrip(original, LambdaJson.Default.APIGatewayProxyRequest),
        };

        var differences = new List<string>();
        CompareSubset(written.First, original, "$", differences);
        differences.ShouldBeEmpty();
        written.Second.ShouldBe(written.First.ToJsonString());
    }

    private static EventKind KindOf(string file) => file switch
    {
        _ when file.Contains("sns", StringComparison.Ordinal) => EventKind.NotConsumed,
        _ when file.Contains("s3", StringComparison.Ordinal) => EventKind.S3,
        _ when file.Contains("dynamodb", StringComparison.Ordinal) => EventKind.DynamoDbStream,
        _ when file.Contains("http-api-v2", StringComparison.Ordinal) => EventKind.HttpApiV2,
        _ when file.Contains("websocket", StringComparison.Ordinal) => EventKind.WebSocket,
        _ => EventKind.NotConsumed,
    };

    private static T Read<T>(string file, JsonTypeInfo<T> type)
        where T : class
    {
        using var stream = File.OpenRead(SharedData.PathOf("contracts", "events", file));
        return JsonSerializer.Deserialize(stream, type).ShouldNotBeNull();
    }

    private static (JsonNode First, string Second) RoundTrip<T>(JsonNode original, JsonTypeInfo<T> type)
        where T : class
    {
        var first = JsonSerializer.Serialize(original.Deserialize(type)!, type);
        var second = JsonSerializer.Serialize(JsonSerializer.Deserialize(first, type)!, type);
        return (JsonNode.Parse(first)!, second);
    }

    /// <summary>
    /// Everything written was in the original, with the same value. Names match ignoring case: the Lambda serializer
    /// writes the event types' declared (Pascal-case) names and reads any case, as Amazon.Lambda.Serialization.SystemTextJson
    /// does; a time written as ISO 8601 matches the epoch seconds AWS sent.
    /// </summary>
    internal static void CompareSubset(JsonNode? written, JsonNode? original, string path, List<string> differences)
    {
        switch (written)
        {
            case JsonObject writtenObject:
                if (original is not JsonObject originalObject)
                {
                    differences.Add($"{path}: an object where AWS sent {original?.ToJsonString() ?? "nothing"}");
                    return;
                }
                foreach (var (name, value) in writtenObject)
                {
                    var match = originalObject.FirstOrDefault(property => string.Equals(property.Key, name, StringComparison.OrdinalIgnoreCase));
                    if (match.Key is not null && match.Value is var source)
                    {
                        CompareSubset(value, source, path + "." + name, differences);
                    }
                    else if (!IsDefault(value))
                    {
                        differences.Add($"{path}.{name}: written as {value?.ToJsonString()}, absent from AWS's payload");
                    }
                }
                break;
            case JsonArray writtenArray:
                if (original is not JsonArray originalArray || originalArray.Count != writtenArray.Count)
                {
                    differences.Add($"{path}: array differs from AWS's payload");
                    return;
                }
                for (var i = 0; i < writtenArray.Count; i++)
                {
                    CompareSubset(writtenArray[i], originalArray[i], $"{path}[{i}]", differences);
                }
                break;
            case JsonValue value when !SameValue(value, original):
                differences.Add($"{path}: written as {value.ToJsonString()}, AWS sent {original?.ToJsonString() ?? "nothing"}");
                break;
            default:
                break;
        }
    }

    private static bool SameValue(JsonValue written, JsonNode? original)
    {
        if (original is JsonValue epoch && epoch.GetValueKind() == JsonValueKind.Number && written.GetValueKind() == JsonValueKind.String
            && DateTimeOffset.TryParse(written.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant == DateTimeOffset.UnixEpoch.AddTicks((long)(epoch.GetValue<decimal>() * TimeSpan.TicksPerSecond));
        }
        if (written.GetValueKind() == JsonValueKind.Number && original is JsonValue iso && iso.GetValueKind() == JsonValueKind.String)
        {
            return SameValue(iso, written);
        }
        if (original is not JsonValue source || written.GetValueKind() != source.GetValueKind())
        {
            return false;
        }
        return written.GetValueKind() switch
        {
            JsonValueKind.Number => written.GetValue<decimal>() == source.GetValue<decimal>(),
            // Times are compared as instants: "…00.000Z" and "…00Z" are the same moment.
            JsonValueKind.String when DateTimeOffset.TryParse(written.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var a)
                && written.GetValue<string>().Contains('T', StringComparison.Ordinal)
                && DateTimeOffset.TryParse(source.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var b) => a == b,
            _ => JsonNode.DeepEquals(written, source),
        };
    }

    private static bool IsDefault(JsonNode? value) => value switch
    {
        JsonValue number when number.GetValueKind() == JsonValueKind.Number => number.GetValue<decimal>() == 0,
        JsonValue flag when flag.GetValueKind() == JsonValueKind.False => true,
        JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>() == "0001-01-01T00:00:00",
        _ => false,
    };
}
