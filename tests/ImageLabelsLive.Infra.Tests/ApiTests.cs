using System.Text.Json.Nodes;

namespace ImageLabelsLive.Infra.Tests;

[Collection(ProductionTemplateGroup.Name)]
public sealed class ApiTests(ProductionTemplate stack)
{
    [Fact]
    public void WebSocketApi_Synthesized_SelectsRoutesByAction()
    {
        var api = stack.One("AWS::ApiGatewayV2::Api", "WebSocket").Properties;

        Cfn.Render(api["ProtocolType"]).ShouldBe("WEBSOCKET");
        Cfn.Render(api["RouteSelectionExpression"]).ShouldBe("$request.body.action");
    }

    [Theory]
    [InlineData("$connect", "Connect")]
    [InlineData("$disconnect", "Disconnect")]
    [InlineData("$default", "DefaultRoute")]
    public void WebSocketRoute_Synthesized_ProxiesToItsFunction(string routeKey, string function)
    {
        var (apiId, _) = stack.One("AWS::ApiGatewayV2::Api", "WebSocket");

        var integration = IntegrationOf(apiId, routeKey);

        Cfn.Render(integration["IntegrationType"]).ShouldBe("AWS_PROXY");
        Cfn.Render(integration["IntegrationMethod"]).ShouldBe("POST");
        Cfn.Render(integration["IntegrationUri"]).ShouldBe(
            $"arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/{Cfn.GetAtt(stack.Function(function).Id, "Arn")}/invocations");
        InvokePermissionSourceArns(function).ShouldBe([$"{ExecuteApiArn(apiId)}/*/{routeKey}"]);
    }

    [Fact]
    public void WebSocketDefaultRoute_Synthesized_SendsTheFunctionsResponseBack()
    {
        var (apiId, _) = stack.One("AWS::ApiGatewayV2::Api", "WebSocket");
        var (routeId, route) = Route(apiId, "$default");

        Cfn.Render(route["RouteResponseSelectionExpression"]).ShouldBe("$default");
        var response = stack.Resources("AWS::ApiGatewayV2::RouteResponse").ShouldHaveSingleItem().Properties;
        Cfn.Render(response["RouteId"]).ShouldBe(Cfn.Ref(routeId));
        Cfn.Render(response["RouteResponseKey"]).ShouldBe("$default");
    }

    [Fact]
    public void WebSocketStage_Synthesized_IsAutoDeployedThrottledAndAfterItsRoutes()
    {
        var (apiId, _) = stack.One("AWS::ApiGatewayV2::Api", "WebSocket");
        var (stageId, stage) = StageOf(apiId);

        Cfn.Render(stage["StageName"]).ShouldBe("live");
        ((bool?)stage["AutoDeploy"]).ShouldBe(true);
        ((int?)stage["DefaultRouteSettings"]!["ThrottlingRateLimit"]).ShouldNotBeNull().ShouldBeGreaterThan(0);
        ((int?)stage["DefaultRouteSettings"]!["ThrottlingBurstLimit"]).ShouldNotBeNull().ShouldBeGreaterThan(0);
        var dependsOn = Cfn.RenderList(stack.Resource(stageId)["DependsOn"]);
        stack.Resources("AWS::ApiGatewayV2::Route").Where(r => Cfn.Render(r.Properties["ApiId"]) == Cfn.Ref(apiId))
            .Select(r => r.Id).ShouldBeSubsetOf(dependsOn);
    }

    [Fact]
    public void HttpApi_Synthesized_HasExactlyTheRoutesOfTheWebApi()
    {
        var (apiId, api) = stack.One("AWS::ApiGatewayV2::Api", "Http");

        Cfn.Render(api["ProtocolType"]).ShouldBe("HTTP");
        stack.Resources("AWS::ApiGatewayV2::Route").Where(r => Cfn.Render(r.Properties["ApiId"]) == Cfn.Ref(apiId))
            .Select(r => Cfn.Render(r.Properties["RouteKey"]))
            .ShouldBe(
                ["POST /uploads", "GET /feeds/{feedId}/images", "GET /images/{imageId}", "GET /feeds/{feedId}/labels", "GET /feeds/{feedId}/export",
                 "DELETE /feeds/{feedId}/images/{imageId}", "POST /feeds/{feedId}/subscriptions"],
                ignoreOrder: true);
    }

    [Theory]
    [InlineData("POST /uploads", "UploadUrl", "/*/POST/uploads")]
    [InlineData("GET /feeds/{feedId}/images", "ListFeedImages", "/*/GET/feeds/*/images")]
    [InlineData("GET /images/{imageId}", "GetImage", "/*/GET/images/*")]
    [InlineData("GET /feeds/{feedId}/labels", "GetFeedLabels", "/*/GET/feeds/*/labels")]
    [InlineData("GET /feeds/{feedId}/export", "ExportFeed", "/*/GET/feeds/*/export")]
    [InlineData("DELETE /feeds/{feedId}/images/{imageId}", "DeleteImage", "/*/DELETE/feeds/*/images/*")]
    [InlineData("POST /feeds/{feedId}/subscriptions", "SubscribeToFeed", "/*/POST/feeds/*/subscriptions")]
    public void HttpRoute_Synthesized_ProxiesToItsFunctionWhichOnlyThatRouteMayInvoke(string routeKey, string function, string sourcePath)
    {
        var (apiId, _) = stack.One("AWS::ApiGatewayV2::Api", "Http");

        var integration = IntegrationOf(apiId, routeKey);

        Cfn.Render(integration["IntegrationType"]).ShouldBe("AWS_PROXY");
        Cfn.Render(integration["PayloadFormatVersion"]).ShouldBe("2.0");
        Cfn.Render(integration["IntegrationUri"]).ShouldBe(Cfn.GetAtt(stack.Function(function).Id, "Arn"));
        InvokePermissionSourceArns(function).ShouldBe([ExecuteApiArn(apiId) + sourcePath]);
    }

    [Fact]
    public void HttpApi_Cors_AllowsOnlyTheSiteOrigin()
    {
        var (distributionId, _) = stack.One("AWS::CloudFront::Distribution", "Website");
        var cors = stack.One("AWS::ApiGatewayV2::Api", "Http").Properties["CorsConfiguration"]!;

        Cfn.RenderList(cors["AllowOrigins"]).ShouldBe(["https://" + Cfn.GetAtt(distributionId, "DomainName")]);
        Cfn.RenderList(cors["AllowMethods"]).ShouldBe(["GET", "POST", "DELETE"], ignoreOrder: true);
        Cfn.RenderList(cors["AllowHeaders"]).ShouldBe(["content-type"]);
    }

    [Fact]
    public void HttpStage_Synthesized_IsTheAutoDeployedDefaultStageWithThrottling()
    {
        var (apiId, _) = stack.One("AWS::ApiGatewayV2::Api", "Http");
        var (_, stage) = StageOf(apiId);

        Cfn.Render(stage["StageName"]).ShouldBe("$default");
        ((bool?)stage["AutoDeploy"]).ShouldBe(true);
        ((int?)stage["DefaultRouteSettings"]!["ThrottlingRateLimit"]).ShouldBe(50);
        ((int?)stage["DefaultRouteSettings"]!["ThrottlingBurstLimit"]).ShouldBe(100);
    }

    private static string ExecuteApiArn(string apiId) =>
        $"arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:{Cfn.Ref(apiId)}";

    private (string Id, JsonObject Properties) Route(string apiId, string routeKey) =>
        stack.Resources("AWS::ApiGatewayV2::Route")
            .Single(r => Cfn.Render(r.Properties["ApiId"]) == Cfn.Ref(apiId) && Cfn.Render(r.Properties["RouteKey"]) == routeKey);

    private (string Id, JsonObject Properties) StageOf(string apiId) =>
        stack.Resources("AWS::ApiGatewayV2::Stage").Single(s => Cfn.Render(s.Properties["ApiId"]) == Cfn.Ref(apiId));

    private JsonObject IntegrationOf(string apiId, string routeKey)
    {
        var target = Cfn.Render(Route(apiId, routeKey).Properties["Target"]);
        return stack.Resources("AWS::ApiGatewayV2::Integration").Single(i => "integrations/" + Cfn.Ref(i.Id) == target).Properties;
    }

    private List<string> InvokePermissionSourceArns(string function)
    {
        var functionArn = Cfn.GetAtt(stack.Function(function).Id, "Arn");
        return stack.Resources("AWS::Lambda::Permission")
            .Where(p => Cfn.Render(p.Properties["FunctionName"]) == functionArn && Cfn.Render(p.Properties["Principal"]) == "apigateway.amazonaws.com")
            .Select(p => Cfn.Render(p.Properties["SourceArn"]))
            .ToList();
    }
}
