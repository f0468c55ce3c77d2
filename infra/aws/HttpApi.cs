using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Constructs;
using HttpRoute = ImageLabelsLive.Functions.Catalog.HttpRoute;

namespace ImageLabelsLive.Infra;

/// <summary>
/// API Gateway HTTP API from the L1 resources: the routes of the web API, CORS for the site's origin,
/// and stage-wide throttling so a runaway client cannot run up the bill.
/// </summary>
internal sealed partial class HttpApi : Construct
{
    public const int ThrottlingRateLimit = 50;
    public const int ThrottlingBurstLimit = 100;

    public HttpApi(Construct scope, string id, IReadOnlyList<string> allowedOrigins)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(allowedOrigins);
        Api = new CfnApi(this, "Api", new CfnApiProps
        {
            Name = Stack.Of(this).StackName + "-http",
            ProtocolType = "HTTP",
            CorsConfiguration = new CfnApi.CorsProperty
            {
                AllowOrigins = [.. allowedOrigins],
                AllowMethods = ["GET", "POST", "DELETE"],
                AllowHeaders = ["content-type"],
                MaxAge = 600,
            },
        });

        Stage = new CfnStage(this, "Stage", new CfnStageProps
        {
            ApiId = Api.Ref,
            StageName = "$default",
            AutoDeploy = true,
            DefaultRouteSettings = new CfnStage.RouteSettingsProperty
            {
                ThrottlingRateLimit = ThrottlingRateLimit,
                ThrottlingBurstLimit = ThrottlingBurstLimit,
            },
        });
    }

    public CfnApi Api { get; }

    public CfnStage Stage { get; }

    /// <summary>https://… with no trailing slash; the $default stage adds no path.</summary>
    public string Url => Api.AttrApiEndpoint;

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();

    /// <summary>The route of <paramref name="route"/> to <paramref name="function"/> (a function catalog entry's trigger).</summary>
    public void AddRoute(string name, HttpRoute route, IFunction function)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(function);
        var (method, path) = (route.Method, route.Path);
        var stack = Stack.Of(this);
        var integration = new CfnIntegration(this, name + "Integration", new CfnIntegrationProps
        {
            ApiId = Api.Ref,
            IntegrationType = "AWS_PROXY",
            IntegrationUri = function.FunctionArn,
            PayloadFormatVersion = "2.0",
        });
        _ = new CfnRoute(this, name + "Route", new CfnRouteProps
        {
            ApiId = Api.Ref,
            RouteKey = route.RouteKey,
            AuthorizationType = "NONE",
            Target = "integrations/" + integration.Ref,
        });
        // Only this route may invoke the function; a path parameter matches any value.
        function.AddPermission(name + "HttpInvoke", new Permission
        {
            Principal = new ServicePrincipal("apigateway.amazonaws.com"),
            SourceArn = stack.FormatArn(new ArnComponents
            {
                Service = "execute-api",
                Resource = Api.Ref,
                ResourceName = $"*/{method}{PathParameter().Replace(path, "*")}",
            }),
        });
    }
}
