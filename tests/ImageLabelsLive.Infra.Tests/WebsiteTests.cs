using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace ImageLabelsLive.Infra.Tests;

[Collection(ProductionTemplateGroup.Name)]
public sealed class WebsiteTests(ProductionTemplate stack)
{
    [Fact]
    public void Distribution_Synthesized_ReadsThePrivateBucketThroughOriginAccessControl()
    {
        var (bucketId, _) = stack.One("AWS::S3::Bucket", "Website");
        var (oacId, oac) = stack.Resources("AWS::CloudFront::OriginAccessControl").ShouldHaveSingleItem();
        var (distributionId, distribution) = stack.One("AWS::CloudFront::Distribution", "Website");

        var config = oac["OriginAccessControlConfig"]!;
        Cfn.Render(config["OriginAccessControlOriginType"]).ShouldBe("s3");
        Cfn.Render(config["SigningBehavior"]).ShouldBe("always");
        Cfn.Render(config["SigningProtocol"]).ShouldBe("sigv4");
        var origin = distribution["DistributionConfig"]!["Origins"]!.AsArray().ShouldHaveSingleItem()!;
        Cfn.Render(origin["DomainName"]).ShouldBe(Cfn.GetAtt(bucketId, "RegionalDomainName"));
        Cfn.Render(origin["OriginAccessControlId"]).ShouldBe(Cfn.GetAtt(oacId, "Id"));
        Cfn.Render(origin["S3OriginConfig"]!["OriginAccessIdentity"]).ShouldBeEmpty();

        var policy = stack.Resources("AWS::S3::BucketPolicy").Single(p => Cfn.Render(p.Properties["Bucket"]) == Cfn.Ref(bucketId)).Properties;
        var read = policy["PolicyDocument"]!["Statement"]!.AsArray()
            .Single(s => Cfn.Render(s!["Principal"]?["Service"]) == "cloudfront.amazonaws.com")!;
        Cfn.Render(read["Action"]).ShouldBe("s3:GetObject");
        Cfn.Render(read["Resource"]).ShouldBe(Cfn.GetAtt(bucketId, "Arn") + "/*");
        Cfn.Render(read["Condition"]!["StringEquals"]!["AWS:SourceArn"])
            .ShouldBe($"arn:${{AWS::Partition}}:cloudfront::${{AWS::AccountId}}:distribution/{Cfn.Ref(distributionId)}");
    }

    [Fact]
    public void Distribution_Synthesized_ServesIndexOverHttpsOnlyAndNeverCachesConfig()
    {
        stack.Template.HasResourceProperties("AWS::CloudFront::Distribution", Match.ObjectLike(new Dictionary<string, object>
        {
            ["DistributionConfig"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["DefaultRootObject"] = "index.html",
                ["DefaultCacheBehavior"] = Match.ObjectLike(new Dictionary<string, object> { ["ViewerProtocolPolicy"] = "redirect-to-https" }),
                ["CacheBehaviors"] = new object[]
                {
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["PathPattern"] = "/config.json",
                        ["ViewerProtocolPolicy"] = "redirect-to-https",
                        // AWS's managed CachingDisabled policy.
                        ["CachePolicyId"] = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
                    }),
                },
            }),
        }));
    }

    [Fact]
    public void Deployment_FrontendBuilt_UploadsTheBuildAndConfigThenInvalidates()
    {
        var (bucketId, _) = stack.One("AWS::S3::Bucket", "Website");
        var (distributionId, _) = stack.One("AWS::CloudFront::Distribution", "Website");
        var deployment = stack.Resources("Custom::CDKBucketDeployment").ShouldHaveSingleItem().Properties;

        Cfn.Render(deployment["DestinationBucketName"]).ShouldBe(Cfn.Ref(bucketId));
        deployment["SourceObjectKeys"]!.AsArray().Count.ShouldBe(2);
        ((bool?)deployment["Prune"]).ShouldBe(true);
        Cfn.Render(deployment["DistributionId"]).ShouldBe(Cfn.Ref(distributionId));
        Cfn.RenderList(deployment["DistributionPaths"]).ShouldBe(["/*"]);
        stack.Warnings.ShouldNotContain(w => w.Contains("No built frontend", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigJson_Deployed_HoldsTheHttpApiAndWebSocketUrls()
    {
        var (httpApiId, _) = stack.One("AWS::ApiGatewayV2::Api", "Http");
        var (webSocketApiId, _) = stack.One("AWS::ApiGatewayV2::Api", "WebSocket");
        var deployment = stack.Resources("Custom::CDKBucketDeployment").ShouldHaveSingleItem().Properties;

        // Source.JsonData stages config.json with markers that the deployment replaces by deploy-time values.
        var configFile = Directory.GetFiles(stack.AssetDirectory, "config.json", SearchOption.AllDirectories).ShouldHaveSingleItem();
        var config = JsonNode.Parse(File.ReadAllText(configFile))!.AsObject();
        var markers = deployment["SourceMarkers"]!.AsArray()
            .SelectMany(m => m!.AsObject())
            .ToDictionary(m => m.Key, m => Cfn.Render(m.Value));
        string Resolve(string text) => markers.Aggregate(text, (current, marker) => current.Replace(marker.Key, marker.Value, StringComparison.Ordinal));

        config.Select(p => p.Key).ShouldBe(["apiUrl", "webSocketUrl"], ignoreOrder: true);
        Resolve(config["apiUrl"]!.GetValue<string>()).ShouldBe(Cfn.GetAtt(httpApiId, "ApiEndpoint"));
        Resolve(config["webSocketUrl"]!.GetValue<string>()).ShouldBe(Cfn.GetAtt(webSocketApiId, "ApiEndpoint") + "/live");
    }

    [Fact]
    public void Outputs_Synthesized_NameTheSiteTheApisAndTheTopic()
    {
        var (distributionId, _) = stack.One("AWS::CloudFront::Distribution", "Website");
        var (httpApiId, _) = stack.One("AWS::ApiGatewayV2::Api", "Http");
        var (webSocketApiId, _) = stack.One("AWS::ApiGatewayV2::Api", "WebSocket");
        var (topicId, _) = stack.One("AWS::SNS::Topic", "Notifications");
        var outputs = stack.Json["Outputs"]!.AsObject();

        Cfn.Render(outputs["SiteUrl"]!["Value"]).ShouldBe("https://" + Cfn.GetAtt(distributionId, "DomainName"));
        Cfn.Render(outputs["HttpApiUrl"]!["Value"]).ShouldBe(Cfn.GetAtt(httpApiId, "ApiEndpoint"));
        Cfn.Render(outputs["WebSocketUrl"]!["Value"]).ShouldBe(Cfn.GetAtt(webSocketApiId, "ApiEndpoint") + "/live");
        Cfn.Render(outputs["TopicArn"]!["Value"]).ShouldBe(Cfn.Ref(topicId));
    }

    [Fact]
    public void Alarms_Synthesized_WatchEveryDeadLetterQueueAndEveryFunctionAndEmail()
    {
        var (topicId, _) = stack.One("AWS::SNS::Topic", "Notifications");
        var alarms = stack.Resources("AWS::CloudWatch::Alarm");

        alarms.ShouldAllBe(a => Cfn.RenderList(a.Properties["AlarmActions"]).SequenceEqual(new[] { Cfn.Ref(topicId) }));
        var watchedQueues = alarms.Where(a => Cfn.Render(a.Properties["MetricName"]) == "ApproximateNumberOfMessagesVisible")
            .Select(a => Cfn.Render(a.Properties["Dimensions"]![0]!["Value"])).ToList();
        watchedQueues.ShouldBe(stack.Resources("AWS::SQS::Queue").Select(q => Cfn.GetAtt(q.Id, "QueueName")), ignoreOrder: true);
        var watchedFunctions = alarms.Where(a => Cfn.Render(a.Properties["MetricName"]) == "Errors")
            .Select(a => Cfn.Render(a.Properties["Dimensions"]![0]!["Value"])).ToList();
        watchedFunctions.ShouldBe(
            stack.Resources("AWS::Lambda::Function").Where(f => Cfn.Render(f.Properties["Runtime"]) == "dotnet10").Select(f => Cfn.Ref(f.Id)),
            ignoreOrder: true);
        alarms.ShouldAllBe(a => (double?)a.Properties["Threshold"] == 1);
    }
}
