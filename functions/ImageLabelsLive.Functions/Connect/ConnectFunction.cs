using System.Net;
using Amazon.Lambda.APIGatewayEvents;
using ImageLabelsLive.Aws.Serialization;
using ImageLabelsLive.Core.Connections;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.Functions.Hosting;

namespace ImageLabelsLive.Functions.Connect;

/// <summary>$connect with ?feed=: stores the connection, or answers 400 so API Gateway refuses the upgrade.</summary>
public sealed class ConnectFunction(ConnectHandler handler) : ILambdaFunction
{
    public ConnectFunction()
        : this(FunctionContainer.Instance.Connect())
    {
    }

    public Task<Stream> HandleAsync(Stream input) =>
        LambdaStreams.HandleAsync(input, LambdaJson.Default.APIGatewayProxyRequest, LambdaJson.Default.APIGatewayProxyResponse, HandleAsync);

    public async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, CancellationToken cancellationToken)
    {
        if (WebSocketResponses.ConnectionIdOf(request) is not { } connectionId)
        {
            return WebSocketResponses.NoConnectionId;
        }
        var error = await handler.HandleAsync(connectionId, request.QueryStringParameters.Get("feed"), cancellationToken).ConfigureAwait(false);
        return error is null
            ? WebSocketResponses.Status(HttpStatusCode.OK, "Connected.")
            : WebSocketResponses.Status(HttpStatusCode.BadRequest, error.Message);
    }
}
