using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Amazon.Rekognition;
using Amazon.Rekognition.Model;
using Amazon.Runtime;
using ImageLabelsLive.Aws.Tests.StandIns;
using ImageLabelsLive.Testing;

namespace ImageLabelsLive.Aws.Tests.Contracts;

/// <summary>
/// The operations ProcessImage's analyses call, against Rekognition's botocore model: every member of each request
/// and response shape exists in the stand-in under the model's name (which is also AWSSDK.Rekognition's property name),
/// is sent or read, and every declared error arrives as the exception named after it.
/// </summary>
public class RekognitionAnalysesContractTests
{
    public static TheoryData<string> Operations => new() { "DetectLabels", "DetectFaces", "DetectText", "DetectModerationLabels" };

    private static ServiceModel Model() => ServiceModel.Load("rekognition", "2016-06-27");

    [SharedTheory]
    [MemberData(nameof(Operations))]
    public async Task Operation_RequestWithEveryMemberSet_SendsExactlyTheModelsMembers(string operation)
    {
        var model = Model();
        var handler = RecordingHandler.Answering(HttpStatusCode.OK, "{}");
        using var client = TestClients.Rekognition(handler);
        var request = (AmazonRekognitionRequest)Fill(RequestType(operation), 0);

        await Call(client, operation, request);

        var sent = handler.Single;
        sent.Header("X-Amz-Target").ShouldBe($"RekognitionService.{operation}");
        var body = JsonNode.Parse(sent.Body)!;
        model.UnknownMembers(model.InputShape(operation), body).ShouldBeEmpty();
        Paths(body).ShouldBe(Paths(model.Example(model.InputShape(operation))), ignoreOrder: true);
    }

    [SharedTheory]
    [MemberData(nameof(Operations))]
    public async Task Operation_AnswerBuiltFromModelNames_ReadsEveryModeledMember(string operation)
    {
        var model = Model();
        var answer = model.Example(model.OutputShape(operation));
        using var client = TestClients.Rekognition(RecordingHandler.Answering(HttpStatusCode.OK, answer.ToJsonString()));

        var response = await Call(client, operation, (AmazonRekognitionRequest)Activator.CreateInstance(RequestType(operation))!);

        Unread(answer, response, "").ShouldBeEmpty();
    }

    [SharedTheory]
    [MemberData(nameof(Operations))]
    public async Task Operation_EachErrorTheModelDeclares_ThrowsExceptionNamedAfterIt(string operation)
    {
        foreach (var shape in Model().ErrorShapes(operation))
        {
            using var client = TestClients.Rekognition(RecordingHandler.Answering(HttpStatusCode.BadRequest, $$"""{"__type":"{{shape}}","Message":"m"}"""));

            var exception = await Should.ThrowAsync<AmazonRekognitionException>(
                () => Call(client, operation, (AmazonRekognitionRequest)Activator.CreateInstance(RequestType(operation))!));

            exception.GetType().Name.ShouldBe(shape.EndsWith("Exception", StringComparison.Ordinal) ? shape : shape + "Exception");
            exception.GetType().Namespace.ShouldBe("Amazon.Rekognition.Model");
        }
    }

    [SharedFact]
    public void Enums_ModelEnumShapesUsedByTheAnalyses_AreConstantClassesWithEveryValue()
    {
        var model = Model();
        foreach (var name in new[] { "Attribute", "EmotionName", "TextTypes", "OrientationCorrection", "GenderType", "LandmarkType", "DetectLabelsFeatureName", "ContentClassifier" })
        {
            var type = typeof(AmazonRekognitionClient).Assembly.GetType("Amazon.Rekognition." + name).ShouldNotBeNull(name);
            type.IsSubclassOf(typeof(ConstantClass)).ShouldBeTrue(name);
            var values = type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(field => ((ConstantClass)field.GetValue(null)!).Value);
            values.ShouldBe(model.Shape(name)["enum"]!.AsArray().Select(value => (string)value!), ignoreOrder: true);
        }
    }

    private static Type RequestType(string operation) => typeof(AmazonRekognitionClient).Assembly.GetType($"Amazon.Rekognition.Model.{operation}Request")!;

    private static async Task<object> Call(AmazonRekognitionClient client, string operation, AmazonRekognitionRequest request) => operation switch
    {
        "DetectLabels" => await client.DetectLabelsAsync((DetectLabelsRequest)request),
        "DetectFaces" => await client.DetectFacesAsync((DetectFacesRequest)request),
        "DetectText" => await client.DetectTextAsync((DetectTextRequest)request),
        "DetectModerationLabels" => await client.DetectModerationLabelsAsync((DetectModerationLabelsRequest)request),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not an analysis."),
    };

    /// <summary>An instance with every member set: lists of one, enums to their first value, nested shapes filled in turn.</summary>
    private static object Fill(Type type, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "value";
        }
        if (type == typeof(float) || type == typeof(int) || type == typeof(bool))
        {
            return Convert.ChangeType(1, type, CultureInfo.InvariantCulture);
        }
        if (type == typeof(MemoryStream))
        {
            return new MemoryStream([1, 2, 3]);
        }
        if (type.IsSubclassOf(typeof(ConstantClass)))
        {
            return type.GetFields(BindingFlags.Public | BindingFlags.Static)[0].GetValue(null)!;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = (IList)Activator.CreateInstance(type)!;
            list.Add(Fill(type.GetGenericArguments()[0], depth + 1));
            return list;
        }
        var shape = Activator.CreateInstance(type)!;
        foreach (var property in ShapeProperties(type))
        {
            if (depth < 8)
            {
                property.SetValue(shape, Fill(property.PropertyType, depth + 1));
            }
        }
        return shape;
    }

    /// <summary>Every member path in the JSON ("Image.S3Object.Bucket", lists as "[]").</summary>
    private static List<string> Paths(JsonNode? node, string path = "")
    {
        var paths = new List<string>();
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var memberPath = path.Length == 0 ? name : path + "." + name;
                    paths.Add(memberPath);
                    paths.AddRange(Paths(value, memberPath));
                }
                break;
            case JsonArray array when array.Count > 0:
                paths.AddRange(Paths(array[0], path + "[]"));
                break;
        }
        return paths;
    }

    /// <summary>Every path of the answer whose value the typed response lacks or holds differently.</summary>
    private static List<string> Unread(JsonNode? json, object? value, string path)
    {
        var unread = new List<string>();
        switch (json)
        {
            case JsonObject obj:
                if (value is null)
                {
                    return [path];
                }
                foreach (var (name, member) in obj)
                {
                    var memberPath = path.Length == 0 ? name : path + "." + name;
                    var property = value.GetType().GetProperty(name);
                    if (property is null)
                    {
                        unread.Add(memberPath);
                        continue;
                    }
                    unread.AddRange(Unread(member, property.GetValue(value), memberPath));
                }
                break;
            case JsonArray array:
                var items = (value as IList)?.Cast<object?>().ToList() ?? [];
                if (items.Count != array.Count)
                {
                    return [path + "[]"];
                }
                for (var i = 0; i < array.Count; i++)
                {
                    unread.AddRange(Unread(array[i], items[i], path + "[]"));
                }
                break;
            case JsonValue leaf:
                var expected = leaf.ToJsonString();
                var actual = value switch
                {
                    ConstantClass constant => JsonValue.Create(constant.Value).ToJsonString(),
                    string text => JsonValue.Create(text).ToJsonString(),
                    bool flag => flag ? "true" : "false",
                    float number => ((double)number).ToString("0.####", CultureInfo.InvariantCulture),
                    int number => number.ToString(CultureInfo.InvariantCulture),
                    _ => null,
                };
                var same = actual == expected
                    || (double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e)
                        && double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && Math.Abs(e - a) < 1e-4);
                if (!same)
                {
                    unread.Add($"{path} (sent {expected}, read {actual ?? "nothing"})");
                }
                break;
        }
        return unread;
    }

    private static IEnumerable<PropertyInfo> ShapeProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanWrite && property.DeclaringType?.Namespace != typeof(AmazonWebServiceRequest).Namespace);
}
