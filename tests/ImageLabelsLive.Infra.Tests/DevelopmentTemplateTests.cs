namespace ImageLabelsLive.Infra.Tests;

[Collection(DevelopmentTemplateGroup.Name)]
public sealed class DevelopmentTemplateTests(DevelopmentTemplate stack)
{
    [Fact]
    public void AllowLocalhost_True_AddsLocalOriginsToUploadCorsAndApiCors()
    {
        var (distributionId, _) = stack.One("AWS::CloudFront::Distribution", "Website");
        string[] expected = ["https://" + Cfn.GetAtt(distributionId, "DomainName"), "http://localhost:8080", "http://localhost:5173"];

        var rule = stack.One("AWS::S3::Bucket", "Uploads").Properties["CorsConfiguration"]!["CorsRules"]!.AsArray().ShouldHaveSingleItem()!;
        Cfn.RenderList(rule["AllowedOrigins"]).ShouldBe(expected, ignoreOrder: true);
        Cfn.RenderList(rule["AllowedMethods"]).ShouldBe(["PUT"]);
        Cfn.RenderList(stack.One("AWS::ApiGatewayV2::Api", "Http").Properties["CorsConfiguration"]!["AllowOrigins"])
            .ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public void AnalyzeContext_FacesAndModerationOff_SwitchesThemOffAndDropsTheirPermissions()
    {
        var (_, function) = stack.Function("ProcessImage");
        var variables = function["Environment"]!["Variables"]!.AsObject();
        ((string?)variables["ANALYZE_FACES"]).ShouldBe("false");
        ((string?)variables["ANALYZE_MODERATION"]).ShouldBe("false");
        ((string?)variables["ANALYZE_TEXT"]).ShouldBe("true");

        var actions = stack.Resources("AWS::IAM::Policy")
            .SelectMany(policy => policy.Properties["PolicyDocument"]!["Statement"]!.AsArray())
            .SelectMany(statement => Cfn.RenderList(statement!["Action"]))
            .Where(action => action.StartsWith("rekognition:", StringComparison.Ordinal))
            .ToList();
        // ProcessImage and the sweeper's re-drive (which runs ProcessImage's use case) follow the same switches.
        actions.Distinct().ShouldBe(["rekognition:DetectLabels", "rekognition:DetectText"], ignoreOrder: true);
    }

    [Fact]
    public void UploadExpirationDaysContext_Three_ExpiresUploadsAfterThreeDays()
    {
        var rule = stack.One("AWS::S3::Bucket", "Uploads").Properties["LifecycleConfiguration"]!["Rules"]!.AsArray().Single(r => Cfn.Render(r!["Prefix"]) == "uploads/")!;

        ((int?)rule["ExpirationInDays"]).ShouldBe(3);
    }

    [Fact]
    public void Deployment_FrontendNotBuilt_DeploysOnlyConfigWithoutPruningAndWarns()
    {
        var deployment = stack.Resources("Custom::CDKBucketDeployment").ShouldHaveSingleItem().Properties;

        deployment["SourceObjectKeys"]!.AsArray().Count.ShouldBe(1);
        ((bool?)deployment["Prune"]).ShouldBe(false);
        stack.Warnings.ShouldContain(w => w.Contains("No built frontend", StringComparison.Ordinal) && w.Contains("only config.json is deployed", StringComparison.Ordinal));
    }

    [Fact]
    public void NotifyEmails_Absent_SubscribesNobodyAndWarns()
    {
        var (topicId, _) = stack.One("AWS::SNS::Topic", "Notifications");
        stack.Resources("AWS::SNS::Subscription").Where(s => Cfn.Render(s.Properties["TopicArn"]) == Cfn.Ref(topicId)).ShouldBeEmpty();
        stack.Warnings.ShouldContain(w => w.Contains("notifyEmails", StringComparison.Ordinal));
    }
}
