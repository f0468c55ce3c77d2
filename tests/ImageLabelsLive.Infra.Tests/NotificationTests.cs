namespace ImageLabelsLive.Infra.Tests;

[Collection(ProductionTemplateGroup.Name)]
public sealed class NotificationTests(ProductionTemplate stack)
{
    [Fact]
    public void Topic_Synthesized_IsEncryptedWithARotatingCustomerKey()
    {
        var (keyId, key) = stack.One("AWS::KMS::Key", "Notifications");
        var topic = stack.One("AWS::SNS::Topic", "Notifications").Properties;

        Cfn.Render(topic["KmsMasterKeyId"]).ShouldBe(Cfn.GetAtt(keyId, "Arn"));
        ((bool?)key["EnableKeyRotation"]).ShouldBe(true);
    }

    [Fact]
    public void NotifyEmailsContext_TwoAddresses_SubscribesEachByEmail()
    {
        var (topicId, _) = stack.One("AWS::SNS::Topic", "Notifications");
        var subscriptions = stack.Resources("AWS::SNS::Subscription").Where(s => Cfn.Render(s.Properties["Protocol"]) != "lambda").ToList();

        subscriptions.ShouldAllBe(s => Cfn.Render(s.Properties["Protocol"]) == "email" && Cfn.Render(s.Properties["TopicArn"]) == Cfn.Ref(topicId));
        subscriptions.Select(s => Cfn.Render(s.Properties["Endpoint"])).ShouldBe([ProductionTemplate.FirstEmail, ProductionTemplate.SecondEmail], ignoreOrder: true);
    }

    [Fact]
    public void TopicPolicy_Synthesized_DeniesPublishingWithoutTlsAndAdmitsOnlyThisAccountsAlarms()
    {
        var (topicId, _) = stack.One("AWS::SNS::Topic", "Notifications");
        var policy = stack.Resources("AWS::SNS::TopicPolicy").Single(p => Cfn.RenderList(p.Properties["Topics"]).Contains(Cfn.Ref(topicId))).Properties;
        Cfn.RenderList(policy["Topics"]).ShouldBe([Cfn.Ref(topicId)]);
        var statements = policy["PolicyDocument"]!["Statement"]!.AsArray();

        var deny = statements.Single(s => Cfn.Render(s!["Effect"]) == "Deny")!;
        Cfn.Render(deny["Condition"]!["Bool"]!["aws:SecureTransport"]).ShouldBe("false");
        var allow = statements.Single(s => Cfn.Render(s!["Effect"]) == "Allow")!;
        Cfn.Render(allow["Principal"]!["Service"]).ShouldBe("cloudwatch.amazonaws.com");
        Cfn.Render(allow["Action"]).ShouldBe("sns:Publish");
        Cfn.Render(allow["Condition"]!["ArnLike"]!["aws:SourceArn"])
            .ShouldBe("arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*");
    }

    [Fact]
    public void TopicKey_Synthesized_LetsCloudWatchEncryptAlarmMessages()
    {
        var statements = stack.One("AWS::KMS::Key", "Notifications").Properties["KeyPolicy"]!["Statement"]!.AsArray();

        var cloudWatch = statements.Single(s => Cfn.Render(s!["Principal"]?["Service"]) == "cloudwatch.amazonaws.com")!;
        Cfn.RenderList(cloudWatch["Action"]).ShouldBe(["kms:Decrypt", "kms:GenerateDataKey*"], ignoreOrder: true);
    }
}
