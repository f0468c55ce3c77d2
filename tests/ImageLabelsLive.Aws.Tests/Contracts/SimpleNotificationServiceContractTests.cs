using System.Net;
using Amazon.SimpleNotificationService;
using Amazon.SimpleNotificationService.Model;
using ImageLabelsLive.Aws.Tests.StandIns;
using ImageLabelsLive.Testing;

namespace ImageLabelsLive.Aws.Tests.Contracts;

/// <summary>The SNS stand-in against SNS's botocore model (sns/2010-03-31, Query protocol).</summary>
public class SimpleNotificationServiceContractTests
{
    private static ServiceModel Model() => ServiceModel.Load("sns", "2010-03-31");

    [SharedFact]
    public async Task PublishAsync_EveryMember_SentAsActionVersionAndModelMemberNames()
    {
        var model = Model();
        var handler = RecordingHandler.Answering(HttpStatusCode.OK, "<PublishResponse/>");
        using var client = TestClients.Sns(handler);
        using var binary = new MemoryStream([1, 2]);

        await client.PublishAsync(new PublishRequest
        {
            TopicArn = "arn:aws:sns:eu-west-1:1:t",
            TargetArn = "arn:aws:sns:eu-west-1:1:e",
            PhoneNumber = "+15555550100",
            Message = "m",
            Subject = "s",
            MessageStructure = "json",
            MessageDeduplicationId = "d",
            MessageGroupId = "g",
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                ["feedId"] = new() { DataType = "String", StringValue = "f" },
                ["blob"] = new() { DataType = "Binary", BinaryValue = binary },
            },
        });

        var request = handler.Single;
        var operation = model.Operation("Publish");
        request.Method.Method.ShouldBe((string)operation["http"]!["method"]!);
        request.Uri.AbsolutePath.ShouldBe((string)operation["http"]!["requestUri"]!);
        request.Scope[2].ShouldBe(model.SigningName);
        ((string)model.Metadata["protocol"]!).ShouldBe("query");

        var form = request.BodyText.Split('&').Select(pair => pair.Split('=', 2)).Select(pair => (Key: Uri.UnescapeDataString(pair[0]), Value: Uri.UnescapeDataString(pair[1]))).ToList();
        form[0].ShouldBe(("Action", (string)operation["name"]!));
        form[1].ShouldBe(("Version", (string)model.Metadata["apiVersion"]!));
        var input = model.Members(model.InputShape("Publish")).ToDictionary(member => ServiceModel.WireName(member.Name, member.Member), member => member.Member, StringComparer.Ordinal);
        foreach (var (key, _) in form.Skip(2))
        {
            var parts = key.Split('.');
            input.ShouldContainKey(parts[0], key);
            if (parts.Length == 1)
            {
                continue;
            }
            // A non-flattened Query map: <Member>.entry.<n>.<key locationName> and <Member>.entry.<n>.<value locationName>.<member>.
            var map = model.Shape((string)input[parts[0]]["shape"]!);
            ((string)map["type"]!).ShouldBe("map");
            parts[1].ShouldBe("entry");
            int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
            if (parts.Length == 4)
            {
                parts[3].ShouldBe((string)map["key"]!["locationName"]!);
            }
            else
            {
                parts[3].ShouldBe((string)map["value"]!["locationName"]!);
                model.Members((string)map["value"]!["shape"]!).Select(member => member.Name).ShouldContain(parts[4]);
            }
        }
        form.Select(pair => pair.Key).ShouldContain("MessageAttributes.entry.2.Value.BinaryValue");
    }

    [SharedFact]
    public async Task PublishAsync_AnswerBuiltFromModel_ReadsResultMembersAndRequestId()
    {
        var model = Model();
        var output = model.Operation("Publish")["output"]!;
        var members = string.Concat(model.Members((string)output["shape"]!).Select(member => $"<{member.Name}>{member.Name}-value</{member.Name}>"));
        var answer = $"""
            <PublishResponse xmlns="{model.Metadata["xmlNamespace"]}">
              <{output["resultWrapper"]}>{members}</{output["resultWrapper"]}>
              <ResponseMetadata><RequestId>request-1</RequestId></ResponseMetadata>
            </PublishResponse>
            """;
        using var client = TestClients.Sns(RecordingHandler.Answering(HttpStatusCode.OK, answer, "text/xml"));

        var response = await client.PublishAsync("arn:aws:sns:eu-west-1:1:t", "m");

        response.MessageId.ShouldBe("MessageId-value");
        response.SequenceNumber.ShouldBe("SequenceNumber-value");
        response.ResponseMetadata.RequestId.ShouldBe("request-1");
    }

    [SharedFact]
    public async Task PublishAsync_EachErrorTheModelDeclares_MapsItsCodeToTheShapesException()
    {
        var model = Model();
        var mapped = new List<string>();
        foreach (var shape in model.ErrorShapes("Publish").Append("ThrottledException"))
        {
            var error = model.Shape(shape)["error"]!;
            var code = (string)error["code"]!;
            var status = (int)error["httpStatusCode"]!;
            var answer = $"""<ErrorResponse xmlns="{model.Metadata["xmlNamespace"]}"><Error><Type>Sender</Type><Code>{code}</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>""";
            using var client = TestClients.Sns(RecordingHandler.Answering((HttpStatusCode)status, answer, "text/xml"));

            var exception = await Should.ThrowAsync<AmazonSimpleNotificationServiceException>(() => client.PublishAsync("arn:aws:sns:eu-west-1:1:t", "m"));

            exception.ErrorCode.ShouldBe(code);
            exception.StatusCode.ShouldBe((HttpStatusCode)status);
            var declared = typeof(AmazonSimpleNotificationServiceClient).Assembly.GetType("Amazon.SimpleNotificationService.Model." + shape);
            exception.GetType().ShouldBe(declared ?? typeof(AmazonSimpleNotificationServiceException), code);
            if (declared is not null)
            {
                mapped.Add(shape);
            }
        }
        mapped.ShouldBe(
            ["InvalidParameterException", "InvalidParameterValueException", "InternalErrorException", "NotFoundException", "AuthorizationErrorException", "InvalidSecurityException", "ThrottledException"],
            ignoreOrder: true);
    }
}
