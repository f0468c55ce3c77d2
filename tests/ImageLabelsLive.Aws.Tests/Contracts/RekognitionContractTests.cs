using System.Net;
using System.Text.Json.Nodes;
using Amazon.Rekognition;
using Amazon.Rekognition.Model;
using ImageLabelsLive.Aws.Tests.StandIns;
using ImageLabelsLive.Testing;

namespace ImageLabelsLive.Aws.Tests.Contracts;

/// <summary>The Rekognition stand-in against Rekognition's botocore model (rekognition/2016-06-27).</summary>
public class RekognitionContractTests
{
    private static ServiceModel Model() => ServiceModel.Load("rekognition", "2016-06-27");

    [SharedFact]
    public async Task DetectLabelsAsync_EveryMember_SentAsModelProtocolOperationAndMembers()
    {
        var model = Model();
        var handler = RecordingHandler.Answering(HttpStatusCode.OK, "{}");
        using var client = TestClients.Rekognition(handler);

        await client.DetectLabelsAsync(new DetectLabelsRequest
        {
            Image = new Image { S3Object = new S3Object { Bucket = "b", Name = "k", Version = "v" } },
            MaxLabels = 10,
            MinConfidence = 55,
            Features = ["GENERAL_LABELS"],
        });
        using var bytes = new MemoryStream([1, 2, 3]);
        await client.DetectLabelsAsync(new DetectLabelsRequest { Image = new Image { Bytes = bytes } });

        var operation = model.Operation("DetectLabels");
        foreach (var request in handler.Requests)
        {
            request.Method.Method.ShouldBe((string)operation["http"]!["method"]!);
            request.Uri.AbsolutePath.ShouldBe((string)operation["http"]!["requestUri"]!);
            request.Header("X-Amz-Target").ShouldBe($"{model.Metadata["targetPrefix"]}.{operation["name"]}");
            request.Header("Content-Type").ShouldBe($"application/x-amz-json-{model.Metadata["jsonVersion"]}");
            request.Scope[2].ShouldBe(model.SigningName);
            model.UnknownMembers(model.InputShape("DetectLabels"), JsonNode.Parse(request.Body)!).ShouldBeEmpty();
        }
        ((string)model.Metadata["protocol"]!).ShouldBe("json");
    }

    [SharedFact]
    public async Task DetectLabelsAsync_ModelExampleInput_MarshalsToTheExampleJson()
    {
        using var examples = ServiceModel.LoadJson("contracts", "models", "botocore", "data", "rekognition", "2016-06-27", "examples-1.json");
        var input = JsonNode.Parse(examples.RootElement.GetProperty("examples").GetProperty("DetectLabels")[0].GetProperty("input").GetRawText())!;
        var handler = RecordingHandler.Answering(HttpStatusCode.OK, "{}");
        using var client = TestClients.Rekognition(handler);

        await client.DetectLabelsAsync(new DetectLabelsRequest
        {
            Image = new Image { S3Object = new S3Object { Bucket = (string)input["Image"]!["S3Object"]!["Bucket"]!, Name = (string)input["Image"]!["S3Object"]!["Name"]! } },
            MaxLabels = (int)input["MaxLabels"]!,
            MinConfidence = (float)input["MinConfidence"]!,
        });

        JsonNode.DeepEquals(JsonNode.Parse(handler.Single.Body), input).ShouldBeTrue(handler.Single.BodyText);
    }

    [SharedFact]
    public async Task DetectLabelsAsync_ModelExampleOutput_ReadsItsLabels()
    {
        using var examples = ServiceModel.LoadJson("contracts", "models", "botocore", "data", "rekognition", "2016-06-27", "examples-1.json");
        var output = examples.RootElement.GetProperty("examples").GetProperty("DetectLabels")[0].GetProperty("output").GetRawText();
        using var client = TestClients.Rekognition(RecordingHandler.Answering(HttpStatusCode.OK, output));

        var response = await client.DetectLabelsAsync(new DetectLabelsRequest());

        response.Labels!.Select(label => (label.Name, label.Confidence)).ShouldBe([("People", 99.25072479248047f), ("Person", 99.25074005126953f)]);
    }

    [SharedFact]
    public async Task DetectLabelsAsync_AnswerBuiltFromModelNames_ReadsEveryModeledMember()
    {
        var model = Model();
        var answer = model.Example(model.OutputShape("DetectLabels"));
        using var client = TestClients.Rekognition(RecordingHandler.Answering(HttpStatusCode.OK, answer.ToJsonString()));

        var response = await client.DetectLabelsAsync(new DetectLabelsRequest());

        var label = answer["Labels"]![0]!;
        var instance = label["Instances"]![0]!;
        response.LabelModelVersion.ShouldBe((string)answer["LabelModelVersion"]!);
        response.OrientationCorrection!.Value.ShouldBe((string)answer["OrientationCorrection"]!);
        var read = response.Labels.ShouldHaveSingleItem();
        read.Name.ShouldBe((string)label["Name"]!);
        read.Confidence.ShouldBe((float)(double)label["Confidence"]!);
        read.Parents.ShouldHaveSingleItem().Name.ShouldBe((string)label["Parents"]![0]!["Name"]!);
        read.Aliases.ShouldHaveSingleItem().Name.ShouldBe((string)label["Aliases"]![0]!["Name"]!);
        read.Categories.ShouldHaveSingleItem().Name.ShouldBe((string)label["Categories"]![0]!["Name"]!);
        var readInstance = read.Instances.ShouldHaveSingleItem();
        readInstance.Confidence.ShouldBe((float)(double)instance["Confidence"]!);
        readInstance.BoundingBox!.Width.ShouldBe((float)(double)instance["BoundingBox"]!["Width"]!);
        readInstance.BoundingBox.Height.ShouldBe((float)(double)instance["BoundingBox"]!["Height"]!);
        readInstance.BoundingBox.Left.ShouldBe((float)(double)instance["BoundingBox"]!["Left"]!);
        readInstance.BoundingBox.Top.ShouldBe((float)(double)instance["BoundingBox"]!["Top"]!);
    }

    [SharedFact]
    public async Task DetectLabelsAsync_EachErrorTheModelDeclares_ThrowsExceptionNamedAfterIt()
    {
        var model = Model();
        var errors = model.ErrorShapes("DetectLabels").ToList();
        errors.ShouldContain("InvalidImageFormatException");

        foreach (var shape in errors)
        {
            using var client = TestClients.Rekognition(RecordingHandler.Answering(HttpStatusCode.BadRequest, $$"""{"__type":"{{shape}}","Message":"m"}"""));

            var exception = await Should.ThrowAsync<AmazonRekognitionException>(() => client.DetectLabelsAsync(new DetectLabelsRequest()));

            // The SDK names an error class after its shape, adding "Exception" where the shape lacks it (InternalServerError).
            exception.GetType().Name.ShouldBe(shape.EndsWith("Exception", StringComparison.Ordinal) ? shape : shape + "Exception");
            exception.GetType().Namespace.ShouldBe("Amazon.Rekognition.Model");
            exception.ErrorCode.ShouldBe(shape);
        }
    }
}
