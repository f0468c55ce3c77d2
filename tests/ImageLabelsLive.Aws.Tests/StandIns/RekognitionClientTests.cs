using System.Net;
using System.Text.Json.Nodes;
using Amazon.Rekognition;
using Amazon.Rekognition.Model;
using Amazon.Runtime;

namespace ImageLabelsLive.Aws.Tests.StandIns;

public class RekognitionClientTests
{
    private const string LabelsAnswer = """
        {"Labels":[{"Name":"Cat","Confidence":98.5,"Instances":[{"BoundingBox":{"Width":0.5,"Height":0.25,"Left":0.125,"Top":0.0625},"Confidence":97.25}],
          "Parents":[{"Name":"Pet"},{"Name":"Animal"}],"Aliases":[{"Name":"Kitty"}],"Categories":[{"Name":"Animals and Pets"}]},
          {"Name":"Indoors","Confidence":71,"Instances":[],"Parents":[]}],
         "LabelModelVersion":"3.0","OrientationCorrection":"ROTATE_0","ImageProperties":{"Quality":{"Brightness":50}}}
        """;

    [Fact]
    public async Task DetectLabelsAsync_S3Object_PostsJson11WithTargetAndModelMemberNames()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.OK, LabelsAnswer);
        using var client = TestClients.Rekognition(handler);

        await client.DetectLabelsAsync(new DetectLabelsRequest
        {
            Image = new Image { S3Object = new S3Object { Bucket = "uploads-bucket", Name = "uploads/feed/image 1", Version = "v2" } },
            MaxLabels = 10,
            MinConfidence = 72.5f,
            Features = ["GENERAL_LABELS"],
        });

        var request = handler.Single;
        request.Method.ShouldBe(HttpMethod.Post);
        request.Uri.ShouldBe(new Uri("https://rekognition.eu-west-1.amazonaws.com/"));
        request.Header("X-Amz-Target").ShouldBe("RekognitionService.DetectLabels");
        request.Header("Content-Type").ShouldBe("application/x-amz-json-1.1");
        JsonNode.DeepEquals(JsonNode.Parse(request.Body), JsonNode.Parse("""
            {"Image":{"S3Object":{"Bucket":"uploads-bucket","Name":"uploads/feed/image 1","Version":"v2"}},"MaxLabels":10,"MinConfidence":72.5,"Features":["GENERAL_LABELS"]}
            """)).ShouldBeTrue(request.BodyText);
    }

    [Fact]
    public async Task DetectLabelsAsync_ImageBytes_SendsWholeStreamAsBase64()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.OK, LabelsAnswer);
        using var client = TestClients.Rekognition(handler);
        using var bytes = new MemoryStream([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]);
        bytes.Position = 4;

        await client.DetectLabelsAsync(new DetectLabelsRequest { Image = new Image { Bytes = bytes } });

        JsonNode.Parse(handler.Single.Body)!["Image"]!["Bytes"]!.GetValue<string>().ShouldBe(Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]));
        JsonNode.Parse(handler.Single.Body)!.AsObject().Select(member => member.Key).ShouldBe(["Image"]);
    }

    [Fact]
    public async Task DetectLabelsAsync_Answer_ReadsLabelsInstancesParentsAndMetadata()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.OK, LabelsAnswer, "application/x-amz-json-1.1", ("x-amzn-RequestId", "req-123"));
        using var client = TestClients.Rekognition(handler);

        var response = await client.DetectLabelsAsync(new DetectLabelsRequest { Image = new Image { S3Object = new S3Object { Bucket = "b", Name = "k" } } });

        response.HttpStatusCode.ShouldBe(HttpStatusCode.OK);
        response.ResponseMetadata.RequestId.ShouldBe("req-123");
        response.LabelModelVersion.ShouldBe("3.0");
        response.OrientationCorrection!.Value.ShouldBe("ROTATE_0");
        response.Labels!.Select(label => label.Name).ShouldBe(["Cat", "Indoors"]);
        var cat = response.Labels![0];
        cat.Confidence.ShouldBe(98.5f);
        cat.Parents!.Select(parent => parent.Name).ShouldBe(["Pet", "Animal"]);
        cat.Aliases!.Single().Name.ShouldBe("Kitty");
        cat.Categories!.Single().Name.ShouldBe("Animals and Pets");
        var instance = cat.Instances!.ShouldHaveSingleItem();
        instance.Confidence.ShouldBe(97.25f);
        instance.BoundingBox!.Width.ShouldBe(0.5f);
        instance.BoundingBox.Height.ShouldBe(0.25f);
        instance.BoundingBox.Left.ShouldBe(0.125f);
        instance.BoundingBox.Top.ShouldBe(0.0625f);
        response.Labels[1].Instances.ShouldBeEmpty();
        response.Labels[1].Aliases.ShouldBeNull();
    }

    [Theory]
    [InlineData("InvalidImageFormatException", 400, typeof(InvalidImageFormatException))]
    [InlineData("ImageTooLargeException", 400, typeof(ImageTooLargeException))]
    [InlineData("InvalidS3ObjectException", 400, typeof(InvalidS3ObjectException))]
    [InlineData("InvalidParameterException", 400, typeof(InvalidParameterException))]
    [InlineData("ThrottlingException", 400, typeof(ThrottlingException))]
    [InlineData("ProvisionedThroughputExceededException", 400, typeof(ProvisionedThroughputExceededException))]
    // Not a modeled error of DetectLabels: the real SDK's unmarshaller leaves it untyped, with its code.
    [InlineData("LimitExceededException", 400, typeof(AmazonRekognitionException))]
    [InlineData("AccessDeniedException", 400, typeof(AccessDeniedException))]
    [InlineData("InternalServerError", 500, typeof(InternalServerErrorException))]
    [InlineData("com.amazonaws.rekognition#InvalidImageFormatException", 400, typeof(InvalidImageFormatException))]
    [InlineData("SomethingNewException", 400, typeof(AmazonRekognitionException))]
    public async Task DetectLabelsAsync_ErrorType_ThrowsTypedException(string type, int status, Type expected)
    {
        var handler = RecordingHandler.Answering((HttpStatusCode)status, $$"""{"__type":"{{type}}","Message":"Request has invalid image format"}""", headers: ("x-amzn-RequestId", "req-9"));
        using var client = TestClients.Rekognition(handler);

        var exception = await Should.ThrowAsync<AmazonRekognitionException>(() => client.DetectLabelsAsync(new DetectLabelsRequest()));

        exception.GetType().ShouldBe(expected);
        exception.ErrorCode.ShouldBe(type[(type.IndexOf('#', StringComparison.Ordinal) + 1)..]);
        exception.StatusCode.ShouldBe((HttpStatusCode)status);
        exception.RequestId.ShouldBe("req-9");
        exception.Message.ShouldBe("Request has invalid image format");
        exception.ErrorType.ShouldBe(status >= 500 ? ErrorType.Receiver : ErrorType.Sender);
    }

    [Fact]
    public async Task DetectLabelsAsync_ErrorTypeHeader_WinsOverBodyAndDropsItsSuffix()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.BadRequest, """{"message":"Rate exceeded"}""", headers: ("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazonaws.rekognition/"));
        using var client = TestClients.Rekognition(handler);

        var exception = await Should.ThrowAsync<ThrottlingException>(() => client.DetectLabelsAsync(new DetectLabelsRequest()));

        exception.ErrorCode.ShouldBe("ThrottlingException");
        exception.Message.ShouldBe("Rate exceeded");
    }

    [Fact]
    public async Task DetectLabelsAsync_ProxyErrorPage_ThrowsServiceBaseWithStatus()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.BadGateway, "<html>bad gateway</html>", "text/html");
        using var client = TestClients.Rekognition(handler);

        var exception = await Should.ThrowAsync<AmazonRekognitionException>(() => client.DetectLabelsAsync(new DetectLabelsRequest()));

        exception.GetType().ShouldBe(typeof(AmazonRekognitionException));
        exception.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        exception.ErrorCode.ShouldBeNull();
        exception.ErrorType.ShouldBe(ErrorType.Receiver);
        exception.Message.ShouldContain("502");
    }

    [Fact]
    public async Task DetectLabelsAsync_SessionCredentials_SignsForRekognitionWithToken()
    {
        var handler = RecordingHandler.Answering(HttpStatusCode.OK, LabelsAnswer);
        var credentials = new SessionAWSCredentials(TestClients.AccessKey, TestClients.SecretKey, "session-token-1");
        using var client = TestClients.Rekognition(handler, credentials: credentials);

        await client.DetectLabelsAsync(new DetectLabelsRequest { MaxLabels = 5 });

        var request = handler.Single;
        request.Scope.ShouldBe(["20150830", "eu-west-1", "rekognition", "aws4_request"]);
        request.Authorization.SignedHeaders.ShouldBe("content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target");
        request.Header("X-Amz-Security-Token").ShouldBe("session-token-1");
        request.Header("X-Amz-Date").ShouldBe("20150830T123600Z");
        request.Header("X-Amz-Content-SHA256").ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(request.Body)));
        SignatureCheck.ShouldVerify(request, credentials);
    }
}
