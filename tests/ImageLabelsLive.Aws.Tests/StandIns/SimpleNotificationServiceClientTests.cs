using System.Net;
using Amazon.Runtime;
using Amazon.SimpleNotificationService;
using Amazon.SimpleNotificationService.Model;

namespace ImageLabelsLive.Aws.Tests.StandIns;

public class SimpleNotificationServiceClientTests
{
    private const string TopicArn = "arn:aws:sns:eu-west-1:123456789012:image-labels";

    private const string PublishAnswer = """
        <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <PublishResult>
            <MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId>
          </PublishResult>
          <ResponseMetadata>
            <RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId>
          </ResponseMetadata>
        </PublishResponse>
        """;

    [Fact]
    public async Task PublishAsync_SubjectBodyAndAttribute_PostsQueryFormInModelOrder()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.OK, PublishAnswer, "text/xml");
        using var client = TestClients.Sns(handler);

        await client.PublishAsync(new PublishRequest
        {
            TopicArn = TopicArn,
            Subject = "cat.jpg: Cat 98%",
            Message = "Labels for cat.jpg:\n- Cat (98.5%)\nhttps://example.com/?feed=a+b",
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                ["feedId"] = new() { DataType = "String", StringValue = "Q1mHs_x-9aZ3kLpq" },
            },
        });

        var request = handler.Single;
        request.Method.ShouldBe(HttpMethod.Post);
        request.Uri.ShouldBe(new Uri("https://sns.eu-west-1.amazonaws.com/"));
        request.Header("Content-Type").ShouldBe("application/x-www-form-urlencoded; charset=utf-8");
        request.BodyText.ShouldBe(
            "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aeu-west-1%3A123456789012%3Aimage-labels" +
            "&Message=Labels%20for%20cat.jpg%3A%0A-%20Cat%20%2898.5%25%29%0Ahttps%3A%2F%2Fexample.com%2F%3Ffeed%3Da%2Bb" +
            "&Subject=cat.jpg%3A%20Cat%2098%25" +
            "&MessageAttributes.entry.1.Name=feedId&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=Q1mHs_x-9aZ3kLpq");
        request.Scope.ShouldBe(["20150830", "eu-west-1", "sns", "aws4_request"]);
        SignatureCheck.ShouldVerify(request, TestClients.Credentials);
    }

    [Fact]
    public async Task PublishAsync_SeveralAttributesAndBinary_NumbersEntriesFromOne()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.OK, PublishAnswer);
        using var client = TestClients.Sns(handler);
        using var binary = new MemoryStream([1, 2, 3]);

        await client.PublishAsync(new PublishRequest
        {
            TopicArn = TopicArn,
            Message = "m",
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                ["a"] = new() { DataType = "Number", StringValue = "42" },
                ["b"] = new() { DataType = "Binary", BinaryValue = binary },
            },
        });

        var form = handler.Single.BodyText.Split('&');
        form.ShouldContain("MessageAttributes.entry.1.Name=a");
        form.ShouldContain("MessageAttributes.entry.1.Value.DataType=Number");
        form.ShouldContain("MessageAttributes.entry.1.Value.StringValue=42");
        form.ShouldContain("MessageAttributes.entry.2.Name=b");
        form.ShouldContain("MessageAttributes.entry.2.Value.DataType=Binary");
        form.ShouldContain("MessageAttributes.entry.2.Value.BinaryValue=AQID");
        form.ShouldNotContain(pair => pair.StartsWith("Subject=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishAsync_Answer_ReadsMessageIdAndRequestId()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.OK, PublishAnswer, "text/xml");
        using var client = TestClients.Sns(handler);

        var response = await client.PublishAsync(TopicArn, "hello", "subject");

        response.MessageId.ShouldBe("567910cd-659e-55d4-8ccb-5aaf14679dc0");
        response.SequenceNumber.ShouldBeNull();
        response.ResponseMetadata.RequestId.ShouldBe("d74b8436-ae13-5ab4-a9ff-ce54dfea72a0");
        response.HttpStatusCode.ShouldBe(HttpStatusCode.OK);
        handler.Single.BodyText.ShouldContain("&Message=hello&Subject=subject");
    }

    [Theory]
    [InlineData("NotFound", 404, "Sender", typeof(NotFoundException))]
    [InlineData("InvalidParameter", 400, "Sender", typeof(InvalidParameterException))]
    [InlineData("ParameterValueInvalid", 400, "Sender", typeof(InvalidParameterValueException))]
    [InlineData("Throttled", 400, "Sender", typeof(ThrottledException))]
    [InlineData("AuthorizationError", 403, "Sender", typeof(AuthorizationErrorException))]
    [InlineData("InternalError", 500, "Receiver", typeof(InternalErrorException))]
    [InlineData("KMSDisabled", 400, "Sender", typeof(AmazonSimpleNotificationServiceException))]
    public async Task PublishAsync_XmlError_ThrowsTypedException(string code, int status, string side, Type expected)
    {
        var body = $"""
            <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <Error><Type>{side}</Type><Code>{code}</Code><Message>Topic does not exist</Message></Error>
              <RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId>
            </ErrorResponse>
            """;
        var handler = RecordingHandler.Answering((HttpStatusCode)status, body, "text/xml");
        using var client = TestClients.Sns(handler);

        var exception = await Should.ThrowAsync<AmazonSimpleNotificationServiceException>(() => client.PublishAsync(TopicArn, "m"));

        exception.GetType().ShouldBe(expected);
        exception.ErrorCode.ShouldBe(code);
        exception.Message.ShouldBe("Topic does not exist");
        exception.RequestId.ShouldBe("9dd01905-5012-5f99-8663-4b3ecd0dfaef");
        exception.StatusCode.ShouldBe((HttpStatusCode)status);
        exception.ErrorType.ShouldBe(side == "Sender" ? ErrorType.Sender : ErrorType.Receiver);
    }

    [Fact]
    public async Task PublishAsync_EndpointFromEnvironment_PostsThere()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.OK, PublishAnswer);
        using var client = TestClients.Sns(handler, environment: TestClients.Environment(("AWS_REGION", "eu-west-1"), ("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:8080/local/sns")));

        await client.PublishAsync(TopicArn, "m");

        handler.Single.Uri.ShouldBe(new Uri("http://127.0.0.1:8080/local/sns/"));
        handler.Single.Scope[1].ShouldBe("eu-west-1");
    }
}
