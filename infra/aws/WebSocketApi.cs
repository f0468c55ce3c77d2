using Amazon.CDK;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Constructs;

namespace ImageLabelsLive.Infra;

internal sealed record WebSocketApiProps(IFunction Connect, IFunction Disconnect, IFunction Default);

/// <summary>
/// API Gateway WebSocket API built from the L1 resources (the L2 constructs live in a separate alpha package):
/// $connect, $disconnect and $default, each to its function, and one auto-deployed stage.
/// </summary>
internal sealed class WebSocketApi : Construct
{
    public const string StageName = "live";

    public WebSocketApi(Construct scope, string id, WebSocketApiProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var stack = Stack.Of(this);
        Api = new CfnApi(this, "Api", new CfnApiProps
        {
            Name = stack.StackName + "-websocket",
            ProtocolType = "WEBSOCKET",
            // {"action":"ping"} matches no route of its own and so lands on $default.
            RouteSelectionExpression = "$request.body.action",
        });

        var routes = new[]
        {
            Route("Connect", "$connect", props.Connect),
            Route("Disconnect", "$disconnect", props.Disconnect),
            Route("DefaultRoute", "$default", props.Default),
        };

        // Two-way $default: the function's response body (the pong) is sent back to the caller.
        var defaultRoute = routes[2];
        defaultRoute.RouteResponseSelectionExpression = "$default";
        _ = new CfnRouteResponse(this, "DefaultRouteResponse", new CfnRouteResponseProps
        {
            ApiId = Api.Ref,
            RouteId = defaultRoute.Ref,
            RouteResponseKey = "$default",
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
        // A WebSocket API cannot be deployed before it has routes.
        foreach (var route in routes)
        {
            Stage.AddDependency(route);
        }

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

    /// <summary>Lets a function close this API's connections only.</summary>
    public void GrantCloseConnections(IGrantable grantee) => GrantManageConnections(grantee, CloseConnectionsArn);

    /// <summary>Lets a function post to this API's connections only.</summary>
    public void GrantPostToConnections(IGrantable grantee) => GrantManageConnections(grantee, ConnectionsArn);

    private static void GrantManageConnections(IGrantable grantee, string connectionsArn)
    {
        ArgumentNullException.ThrowIfNull(grantee);
        Grant.AddToPrincipal(new GrantOnPrincipalOptions
        {
            Grantee = grantee,
            Actions = ["execute-api:ManageConnections"],
            ResourceArns = [connectionsArn],
        }).AssertSuccess();
    }

    private string ConnectionsArnFor(string method) => Stack.Of(this).FormatArn(new ArnComponents
    {
        Service = "execute-api",
        Resource = Api.Ref,
        ResourceName = $"{StageName}/{method}/@connections/*",
    });

    private CfnRoute Route(string name, string routeKey, IFunction function)
    {
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
        return new CfnRoute(this, name + "Route", new CfnRouteProps
        {
            ApiId = Api.Ref,
            RouteKey = routeKey,
            AuthorizationType = "NONE",
            Target = "integrations/" + integration.Ref,
        });
    }
}
