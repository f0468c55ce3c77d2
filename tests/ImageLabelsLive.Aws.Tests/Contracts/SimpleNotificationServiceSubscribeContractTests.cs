using System.Net;
using Amazon.SimpleNotificationService;
using Amazon.SimpleNotificationService.Model;
using ImageLabelsLive.Aws.Tests.StandIns;
using ImageLabelsLive.Testing;

namespace ImageLabelsLive.Aws.Tests.Contracts;

/// <summary>The SNS stand-in's Subscribe against SNS's botocore model (sns/2010-03-31, Query protocol).</summary>
public class SimpleNotificationServiceSubscribeContractTests
{
    private static ServiceModel Model() => ServiceModel.Load("sns", "2010-03-31");

    [SharedFact]
    public async Task SubscribeAsync_EveryMember_SentAsActionVersionAndModelMemberNames()
    {
        var model = Model();
        var handler = RecordingHandler.Answering(HttpStatusCode.OK, "<SubscribeResponse/>");
        using var client = TestClients.Sns(handler);

        await client.SubscribeAsync(new SubscribeRequest("arn:aws:sns:eu-west-1:1:t", "email", "ann@example.com")
        {
            Attributes = new Dictionary<string, string> { ["FilterPolicy"] = """{"feedId":["f"]}""", ["FilterPolicyScope"] = "MessageAttributes" },
            ReturnSubscriptionArn = true,
        });

        var request = handler.Single;
        var operation = model.Operation("Subscribe");
        request.Method.Method.ShouldBe((string)operation["http"]!["method"]!);
        request.Uri.AbsolutePath.ShouldBe((string)operation["http"]!["requestUri"]!);
        request.Scope[2].ShouldBe(model.SigningName);
        var form = request.BodyText.Split('&').Select(pair => pair.Split('=', 2)).Select(pair => (Key: Uri.UnescapeDataString(pair[0]), Value: Uri.UnescapeDataString(pair[1]))).ToList();
        form[0].ShouldBe(("Action", (string)operation["name"]!));
        form[1].ShouldBe(("Version", (string)model.Metadata["apiVersion"]!));
        var input = model.Members(model.InputShape("Subscribe")).ToDictionary(member => ServiceModel.WireName(member.Name, member.Member), member => member.Member, StringComparer.Ordinal);
        input.Keys.ShouldBe(["TopicArn", "Protocol", "Endpoint", "Attributes", "ReturnSubscriptionArn"], ignoreOrder: true);
        foreach (var (key, _) in form.Skip(2))
        {
            var parts = key.Split('.');
            input.ShouldContainKey(parts[0], key);
            if (parts.Length == 1)
            {
                continue;
            }
            // A non-flattened Query map whose key and value shapes have no locationName: entry.N.key and entry.N.value.
            var map = model.Shape((string)input[parts[0]]["shape"]!);
            ((string)map["type"]!).ShouldBe("map");
            map["key"]!["locationName"].ShouldBeNull();
            map["value"]!["locationName"].ShouldBeNull();
            parts.Length.ShouldBe(4, key);
            parts[1].ShouldBe("entry");
            parts[3].ShouldBeOneOf("key", "value");
        }
        form.ShouldContain(("Attributes.entry.1.key", "FilterPolicy"));
        form.ShouldContain(("Attributes.entry.1.value", """{"feedId":["f"]}"""));
        form.ShouldContain(("ReturnSubscriptionArn", "true"));
        form.ShouldContain(("Endpoint", "ann@example.com"));
    }

    [SharedFact]
    public async Task SubscribeAsync_AnswerBuiltFromModel_ReadsSubscriptionArnAndRequestId()
    {
        var model = Model();
        var output = model.Operation("Subscribe")["output"]!;
        var members = string.Concat(model.Members((string)output["shape"]!).Select(member => $"<{member.Name}>pending confirmation</{member.Name}>"));
        var answer = $"""
            <SubscribeResponse xmlns="{model.Metadata["xmlNamespace"]}">
              <{output["resultWrapper"]}>{members}</{output["resultWrapper"]}>
              <ResponseMetadata><RequestId>request-2</RequestId></ResponseMetadata>
            </SubscribeResponse>
            """;
        using var client = TestClients.Sns(RecordingHandler.Answering(HttpStatusCode.OK, answer, "text/xml"));

        var response = await client.SubscribeAsync("arn:aws:sns:eu-west-1:1:t", "email", "ann@example.com");

        response.SubscriptionArn.ShouldBe("pending confirmation");
        response.ResponseMetadata.RequestId.ShouldBe("request-2");
    }

    [SharedFact]
    public async Task SubscribeAsync_EachErrorTheModelDeclares_MapsItsCodeToTheShapesException()
    {
        var model = Model();
        foreach (var shape in model.ErrorShapes("Subscribe"))
        {
            var error = model.Shape(shape)["error"]!;
            var code = (string)error["code"]!;
            var status = (int)error["httpStatusCode"]!;
            var answer = $"""<ErrorResponse xmlns="{model.Metadata["xmlNamespace"]}"><Error><Type>Sender</Type><Code>{code}</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>""";
            using var client = TestClients.Sns(RecordingHandler.Answering((HttpStatusCode)status, answer, "text/xml"));

            var exception = await Should.ThrowAsync<AmazonSimpleNotificationServiceException>(() => client.SubscribeAsync("arn:aws:sns:eu-west-1:1:t", "email", "a@example.com"));

            exception.ErrorCode.ShouldBe(code);
            var declared = typeof(AmazonSimpleNotificationServiceClient).Assembly.GetType("Amazon.SimpleNotificationService.Model." + shape);
            // Every error Subscribe can answer except ReplayLimitExceeded (FIFO replay, which this app never asks for) has its type.
            if (shape != "ReplayLimitExceededException")
            {
                declared.ShouldNotBeNull(shape);
            }
            exception.GetType().ShouldBe(declared ?? typeof(AmazonSimpleNotificationServiceException), code);
        }
    }
}
