namespace ImageLabelsLive.Infra.Tests;

/// <summary>Sharded fan-out: the shard topic, PushShard subscribed to it, and PushResults pointed at it.</summary>
[Collection(ProductionTemplateGroup.Name)]
public sealed class PushShardTests(ProductionTemplate stack)
{
    [Fact]
    public void ShardTopic_Synthesized_InvokesPushShardThroughALambdaSubscription()
    {
        var (topicId, topic) = stack.One("AWS::SNS::Topic", "PushShards");
        var (functionId, _) = stack.Function("PushShard");

        Cfn.Render(topic["KmsMasterKeyId"]).ShouldNotBeNullOrEmpty();
        var subscription = stack.Resources("AWS::SNS::Subscription").Single(s => Cfn.Render(s.Properties["TopicArn"]) == Cfn.Ref(topicId)).Properties;
        Cfn.Render(subscription["Protocol"]).ShouldBe("lambda");
        Cfn.Render(subscription["Endpoint"]).ShouldBe(Cfn.GetAtt(functionId, "Arn"));
        var permission = stack.Resources("AWS::Lambda::Permission").Single(p =>
            Cfn.Render(p.Properties["FunctionName"]) == Cfn.GetAtt(functionId, "Arn") && Cfn.Render(p.Properties["Principal"]) == "sns.amazonaws.com").Properties;
        Cfn.Render(permission["SourceArn"]).ShouldBe(Cfn.Ref(topicId));
    }

    [Fact]
    public void PushResults_Synthesized_KnowsTheShardTopicAndSize()
    {
        var (topicId, _) = stack.One("AWS::SNS::Topic", "PushShards");
        var variables = stack.Function("PushResults").Properties["Environment"]!["Variables"]!;

        Cfn.Render(variables["PUSH_SHARD_TOPIC_ARN"]).ShouldBe(Cfn.Ref(topicId));
        Cfn.Render(variables["PUSH_SHARD_SIZE"]).ShouldBe("1000");
    }

    [Fact]
    public void PushShard_AsyncInvocationFails_RetriesTwiceThenKeepsTheShardInAQueue()
    {
        var (functionId, function) = stack.Function("PushShard");
        var config = stack.Resources("AWS::Lambda::EventInvokeConfig").Single(c => Cfn.Render(c.Properties["FunctionName"]) == Cfn.Ref(functionId)).Properties;

        ((int?)config["MaximumRetryAttempts"]).ShouldBe(2);
        var queueArn = Cfn.Render(function["DeadLetterConfig"]!["TargetArn"]);
        stack.Resources("AWS::SQS::Queue").ShouldContain(q => Cfn.GetAtt(q.Id, "Arn") == queueArn);
    }

    [Fact]
    public void ShardTopicPolicy_Synthesized_DeniesPublishersOtherThanPushResults()
    {
        var (topicId, _) = stack.One("AWS::SNS::Topic", "PushShards");
        var policy = stack.Resources("AWS::SNS::TopicPolicy").Single(p => Cfn.RenderList(p.Properties["Topics"]).Contains(Cfn.Ref(topicId))).Properties;

        var denies = policy["PolicyDocument"]!["Statement"]!.AsArray().Where(s => Cfn.Render(s!["Effect"]) == "Deny").ToList();
        var others = denies.Single(s => s!["Condition"]?["ArnNotEquals"] is not null)!;
        Cfn.RenderList(others["Action"]).ShouldBe(["sns:Publish"]);
        Cfn.Render(others["Condition"]!["ArnNotEquals"]!["aws:PrincipalArn"]).ShouldBe(Cfn.Render(stack.Function("PushResults").Properties["Role"]));
    }
}
