using System.Net;
using Amazon.ApiGatewayManagementApi;
using Amazon.ApiGatewayManagementApi.Model;
using ImageLabelsLive.Aws.Tests.StandIns;
using ImageLabelsLive.Testing;

namespace ImageLabelsLive.Aws.Tests.Contracts;

/// <summary>The management API stand-in against its botocore model (apigatewaymanagementapi/2018-11-29, REST-JSON).</summary>
public class ApiGatewayManagementApiContractTests
{
    private const string ConnectionId = "R1kmxc2VNjMCFIA=";

    private static ServiceModel Model() => ServiceModel.Load("apigatewaymanagementapi", "2018-11-29");

    [SharedTheory]
    [InlineData("PostToConnection")]
    [InlineData("GetConnection")]
    [InlineData("DeleteConnection")]
    public async Task Operation_Request_UsesModelMethodUriAndSigningName(string operation)
    {
        var model = Model();
        var handler = RecordingHandler.Answering(HttpStatusCode.OK, "{}");
        using var client = TestClients.Management(handler);

        Task call = operation switch
        {
            "PostToConnection" => client.PostToConnectionAsync(new PostToConnectionRequest { ConnectionId = ConnectionId, Data = new MemoryStream("hi"u8.ToArray()) }),
            "GetConnection" => client.GetConnectionAsync(new GetConnectionRequest { ConnectionId = ConnectionId }),
            _ => client.DeleteConnectionAsync(new DeleteConnectionRequest { ConnectionId = ConnectionId }),
        };
        await call;

        var http = model.Operation(operation)["http"]!;
        var uri = ((string)http["requestUri"]!).Replace("{connectionId}", Uri.EscapeDataString(ConnectionId), StringComparison.Ordinal);
        // The location name of the URI member is what the template names.
        model.Members(model.InputShape(operation)).Single(member => (string?)member.Member["location"] == "uri").Member["locationName"]!.GetValue<string>().ShouldBe("connectionId");
        handler.Single.Method.Method.ShouldBe((string)http["method"]!);
        // The model's template, percent-encoded as AWS's SDKs send it ('@' included); API Gateway reads both forms.
        handler.Single.Uri.AbsolutePath.ShouldBe("/prod" + uri.Replace("@", "%40", StringComparison.Ordinal));
        handler.Single.Scope[2].ShouldBe(model.SigningName);
        ((string)model.Metadata["protocol"]!).ShouldBe("rest-json");
    }

    [SharedFact]
    public async Task PostToConnectionAsync_Data_IsTheRawPayloadTheModelNames()
    {
        var model = Model();
        var handler = RecordingHandler.Answering(HttpStatusCode.OK);
        using var client = TestClients.Management(handler);

        await client.PostToConnectionAsync(new PostToConnectionRequest { ConnectionId = ConnectionId, Data = new MemoryStream("{\"type\":\"image\"}"u8.ToArray()) });

        ((string)model.Shape("PostToConnectionRequest")["payload"]!).ShouldBe(nameof(PostToConnectionRequest.Data));
        ((string)model.Shape("Data")["type"]!).ShouldBe("blob");
        handler.Single.BodyText.ShouldBe("{\"type\":\"image\"}");
    }

    [SharedFact]
    public async Task GetConnectionAsync_AnswerBuiltFromModel_ReadsEveryMember()
    {
        var model = Model();
        var answer = model.Example(model.OutputShape("GetConnection"));
        using var client = TestClients.Management(RecordingHandler.Answering(HttpStatusCode.OK, answer.ToJsonString(), "application/json"));

        var response = await client.GetConnectionAsync(new GetConnectionRequest { ConnectionId = ConnectionId });

        response.ConnectedAt.ShouldBe(DateTimeOffset.Parse((string)answer["connectedAt"]!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
        response.LastActiveAt.ShouldBe(DateTimeOffset.Parse((string)answer["lastActiveAt"]!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
        response.Identity!.SourceIp.ShouldBe((string)answer["identity"]!["sourceIp"]!);
        response.Identity.UserAgent.ShouldBe((string)answer["identity"]!["userAgent"]!);
    }

    [SharedFact]
    public async Task Operations_EachErrorTheModelDeclares_MapsByStatusAndByTypeHeader()
    {
        var model = Model();
        var shapes = new[] { "PostToConnection", "GetConnection", "DeleteConnection" }.SelectMany(model.ErrorShapes).Distinct().ToList();
        shapes.ShouldBe(["GoneException", "LimitExceededException", "ForbiddenException", "PayloadTooLargeException"], ignoreOrder: true);

        foreach (var shape in shapes)
        {
            var status = (HttpStatusCode)(int)model.Shape(shape)["error"]!["httpStatusCode"]!;
            using var bare = TestClients.Management(RecordingHandler.Answering(status));
            using var named = TestClients.Management(RecordingHandler.Answering(HttpStatusCode.BadRequest, "{}", "application/json", ("x-amzn-ErrorType", shape)));

            var byStatus = await Should.ThrowAsync<AmazonApiGatewayManagementApiException>(() => bare.DeleteConnectionAsync(new DeleteConnectionRequest { ConnectionId = ConnectionId }));
            var byName = await Should.ThrowAsync<AmazonApiGatewayManagementApiException>(() => named.DeleteConnectionAsync(new DeleteConnectionRequest { ConnectionId = ConnectionId }));

            byStatus.GetType().Name.ShouldBe(shape);
            byStatus.StatusCode.ShouldBe(status);
            byName.GetType().Name.ShouldBe(shape);
            byName.GetType().Namespace.ShouldBe("Amazon.ApiGatewayManagementApi.Model");
        }
    }
}
