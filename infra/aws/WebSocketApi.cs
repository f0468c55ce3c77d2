using Amazon.CDK;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Constructs;
using WebSocketRoute = ImageLabelsLive.Functions.Catalog.WebSocketRoute;

namespace ImageLabelsLive.Infra;

/// <summary>
/// API Gateway WebSocket API built from the L1 resources (the L2 constructs live in a separate alpha package):
/// one auto-deployed stage, and a route per function catalog entry ($connect, $disconnect, $default).
/// </summary>
internal sealed class WebSocketApi : Construct
{
    public const string StageName = "live";

    public WebSocketApi(Construct scope, string id)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        Api = new CfnApi(this, "Api", new CfnApiProps
        {
            Name = stack.StackName + "-websocket",
            ProtocolType = "WEBSOCKET",
            // {"action":"ping"} matches no route of its own and so lands on $default.
            RouteSelectionExpression = "$request.body.action",
        });

        Stage = new CfnStage(this, "Stage", new CfnStageProps
        {
            ApiId = Api.Ref,
            StageName = StageName,
            AutoDeploy = true,
            DefaultRouteSettings = new CfnStage.RouteSettingsProperty
            {
                ThrottlingBurstLimit = 200,
                ThrottlingRateLimit = 100,
            },
        });
        Url = $"{Api.AttrApiEndpoint}/{StageName}";
        ConnectionsEndpoint = $"https://{Api.Ref}.execute-api.{stack.Region}.{stack.UrlSuffix}/{StageName}";
        ConnectionsArn = ConnectionsArnFor("POST");
        CloseConnectionsArn = ConnectionsArnFor("DELETE");
    }

    public CfnApi Api { get; }

    public CfnStage Stage { get; }

    /// <summary>wss://… URL the page connects to (with ?feed=).</summary>
    public string Url { get; }

    /// <summary>https://… base of the management API that posts to connections (CONNECTIONS_ENDPOINT).</summary>
    public string ConnectionsEndpoint { get; }

    /// <summary>execute-api ARN of POST /@connections/{id} on this API's stage, and nothing else.</summary>
    public string ConnectionsArn { get; }

    /// <summary>execute-api ARN of DELETE /@connections/{id} (close) on this API's stage, and nothing else.</summary>
    public string CloseConnectionsArn { get; }

    private string ConnectionsArnFor(string method) => Stack.Of(this).FormatArn(new ArnComponents
    {
        Service = "execute-api",
        Resource = Api.Ref,
        ResourceName = $"{StageName}/{method}/@connections/*",
    });

    /// <summary>The route of <paramref name="route"/> to <paramref name="function"/> (a function catalog entry's trigger).</summary>
    public void AddRoute(string name, WebSocketRoute route, IFunction function)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(function);
        var routeKey = route.RouteKey;
        var stack = Stack.Of(this);
        var integration = new CfnIntegration(this, name + "Integration", new CfnIntegrationProps
        {
            ApiId = Api.Ref,
            IntegrationType = "AWS_PROXY",
            // WebSocket Lambda integrations must say POST: it is how API Gateway invokes Lambda.
            IntegrationMethod = "POST",
            IntegrationUri = $"arn:{stack.Partition}:apigateway:{stack.Region}:lambda:path/2015-03-31/functions/{function.FunctionArn}/invocations",
        });
        function.AddPermission(name + "WebSocketInvoke", new Permission
        {
            Principal = new ServicePrincipal("apigateway.amazonaws.com"),
            SourceArn = stack.FormatArn(new ArnComponents
            {
                Service = "execute-api",
                Resource = Api.Ref,
                ResourceName = $"*/{routeKey}",
            }),
        });
        var cfnRoute = new CfnRoute(this, name + "Route", new CfnRouteProps
        {
            ApiId = Api.Ref,
            RouteKey = routeKey,
            AuthorizationType = "NONE",
            Target = "integrations/" + integration.Ref,
        });
        if (route.TwoWay)
        {
            // The function's response body (the pong) is sent back to the caller.
            cfnRoute.RouteResponseSelectionExpression = "$default";
            _ = new CfnRouteResponse(this, name + "RouteResponse", new CfnRouteResponseProps
            {
                ApiId = Api.Ref,
                RouteId = cfnRoute.Ref,
                RouteResponseKey = "$default",
            });
        }
        // A WebSocket API cannot be deployed before it has routes.
        Stage.AddDependency(cfnRoute);
    }
}
