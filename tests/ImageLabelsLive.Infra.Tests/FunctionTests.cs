using ImageLabelsLive.Functions.Catalog;

namespace ImageLabelsLive.Infra.Tests;

[Collection(ProductionTemplateGroup.Name)]
public sealed class FunctionTests(ProductionTemplate stack)
{
    /// <summary>Name (the handler folder), memory MB, timeout s.</summary>
    public static TheoryData<string, int, int> Functions => new()
    {
        { "UploadUrl", 512, 10 },
        { "ListFeedImages", 512, 10 },
        { "GetImage", 512, 10 },
        { "Connect", 512, 10 },
        { "Disconnect", 512, 10 },
        { "DefaultRoute", 512, 10 },
        { "ProcessImage", 1024, 60 },
        { "PushResults", 1024, 60 },
        { "NotifyResults", 512, 30 },
        { "SweepStaleImages", 1024, 300 },
        { "SubscribeToFeed", 512, 10 },
    };

    /// <summary>Exactly the variables each function reads (the stack adds the URL-shaped ones after the APIs exist).</summary>
    public static TheoryData<string, string[]> Environments => new()
    {
        { "UploadUrl", ["IMAGES_TABLE", "UPLOAD_BUCKET", "UPLOAD_URL_TTL_SECONDS", "FEED_INDEX_TABLE"] },
        { "ListFeedImages", ["IMAGES_TABLE", "FEED_INDEX_TABLE", "UPLOAD_BUCKET"] },
        { "GetImage", ["IMAGES_TABLE", "UPLOAD_BUCKET"] },
        { "Connect", ["CONNECTIONS_TABLE"] },
        { "Disconnect", ["CONNECTIONS_TABLE"] },
        { "DefaultRoute", ["CONNECTIONS_TABLE", "CONNECTIONS_ENDPOINT"] },
        {
            "ProcessImage",
            [
                "IMAGES_TABLE", "UPLOAD_BUCKET", "MIN_CONFIDENCE", "MAX_LABELS",
                "ANALYZE_LABELS", "ANALYZE_FACES", "ANALYZE_TEXT", "ANALYZE_MODERATION", "ANALYZE_IMAGE_PROPERTIES",
            ]
        },
        { "PushResults", ["CONNECTIONS_TABLE", "UPLOAD_BUCKET", "CONNECTIONS_ENDPOINT", "PUSH_CONCURRENCY", "PUSH_SHARD_TOPIC_ARN", "PUSH_SHARD_SIZE"] },
        { "PushShard", ["CONNECTIONS_TABLE", "CONNECTIONS_ENDPOINT", "PUSH_CONCURRENCY"] },
        { "NotifyResults", ["IMAGES_TABLE", "TOPIC_ARN", "SITE_URL"] },
        { "SweepStaleImages", ["IMAGES_TABLE", "UPLOAD_BUCKET", "UPLOAD_URL_TTL_SECONDS", "PROCESSOR_TIMEOUT_SECONDS", "SWEEP_GRACE_SECONDS", "MIN_CONFIDENCE", "MAX_LABELS", "ANALYZE_LABELS", "ANALYZE_FACES", "ANALYZE_TEXT", "ANALYZE_MODERATION", "ANALYZE_IMAGE_PROPERTIES"] },
        { "SubscribeToFeed", ["SUBSCRIPTION_REQUESTS_TABLE", "TOPIC_ARN"] },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void Function_Synthesized_RunsItsHandlerOnDotnet10Arm64(string name, int memory, int timeout)
    {
        var function = stack.Function(name).Properties;

        Cfn.Render(function["Runtime"]).ShouldBe("dotnet10");
        Cfn.RenderList(function["Architectures"]).ShouldBe(["arm64"]);
        ((int?)function["MemorySize"]).ShouldBe(memory);
        ((int?)function["Timeout"]).ShouldBe(timeout);
    }

    [Fact]
    public void Functions_Synthesized_AreEveryPipelineFunctionFromOneAsset()
    {
        var dotnet = stack.Resources("AWS::Lambda::Function").Where(f => Cfn.Render(f.Properties["Runtime"]).StartsWith("dotnet", StringComparison.Ordinal)).ToList();

        dotnet.Count.ShouldBe(FunctionCatalog.All.Count);
        dotnet.Select(f => Cfn.Render(f.Properties["Code"]!["S3Key"])).Distinct().ShouldHaveSingleItem();
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Function_Synthesized_LogsToItsOwnGroupKeptTwoWeeks(string name, int memory, int timeout)
    {
        _ = (memory, timeout);
        var function = stack.Function(name).Properties;

        var logGroupRef = Cfn.Render(function["LoggingConfig"]!["LogGroup"]);
        var logGroup = stack.Resources("AWS::Logs::LogGroup").Single(g => Cfn.Ref(g.Id) == logGroupRef);
        ((int?)logGroup.Properties["RetentionInDays"]).ShouldBe(14);
        Cfn.Render(stack.Resource(logGroup.Id)["DeletionPolicy"]).ShouldBe("Delete");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Function_Synthesized_GetsExactlyTheVariablesItReads(string name, string[] variables)
    {
        var environment = stack.Function(name).Properties["Environment"]?["Variables"]?.AsObject();

        (environment?.Select(v => v.Key) ?? []).ShouldBe(variables, ignoreOrder: true);
    }

    [Fact]
    public void Functions_Synthesized_PointAtTheStacksOwnResources()
    {
        var (imagesId, _) = stack.One("AWS::DynamoDB::Table", "TablesImages");
        var (connectionsId, _) = stack.One("AWS::DynamoDB::Table", "TablesConnections");
        var (bucketId, _) = stack.One("AWS::S3::Bucket", "Uploads");
        var (topicId, _) = stack.One("AWS::SNS::Topic", "Notifications");

        Variable("UploadUrl", "IMAGES_TABLE").ShouldBe(Cfn.Ref(imagesId));
        Variable("UploadUrl", "UPLOAD_BUCKET").ShouldBe(Cfn.Ref(bucketId));
        Variable("UploadUrl", "UPLOAD_URL_TTL_SECONDS").ShouldBe("300");
        Variable("ProcessImage", "UPLOAD_BUCKET").ShouldBe(Cfn.Ref(bucketId));
        Variable("ProcessImage", "MIN_CONFIDENCE").ShouldBe("70");
        Variable("ProcessImage", "MAX_LABELS").ShouldBe("10");
        Variable("Connect", "CONNECTIONS_TABLE").ShouldBe(Cfn.Ref(connectionsId));
        Variable("PushResults", "CONNECTIONS_TABLE").ShouldBe(Cfn.Ref(connectionsId));
        Variable("PushResults", "PUSH_CONCURRENCY").ShouldBe("32");
        Variable("NotifyResults", "TOPIC_ARN").ShouldBe(Cfn.Ref(topicId));
        Variable("SubscribeToFeed", "TOPIC_ARN").ShouldBe(Cfn.Ref(topicId));
        Variable("NotifyResults", "IMAGES_TABLE").ShouldBe(Cfn.Ref(imagesId));
    }

    [Fact]
    public void PushResults_Synthesized_PostsThroughThisWebSocketStagesManagementEndpoint()
    {
        var (apiId, _) = stack.One("AWS::ApiGatewayV2::Api", "WebSocket");

        Variable("PushResults", "CONNECTIONS_ENDPOINT")
            .ShouldBe($"https://{Cfn.Ref(apiId)}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/live");
    }

    [Fact]
    public void NotifyResults_Synthesized_LinksEmailsToTheDistribution()
    {
        var (distributionId, _) = stack.One("AWS::CloudFront::Distribution", "Website");

        Variable("NotifyResults", "SITE_URL").ShouldBe("https://" + Cfn.GetAtt(distributionId, "DomainName"));
    }

    [Fact]
    public void ProcessImage_AsyncInvocationFails_RetriesTwiceThenKeepsTheEventInAQueue()
    {
        var (functionId, function) = stack.Function("ProcessImage");
        var config = stack.Resources("AWS::Lambda::EventInvokeConfig").Single(c => Cfn.Render(c.Properties["FunctionName"]) == Cfn.Ref(functionId)).Properties;

        ((int?)config["MaximumRetryAttempts"]).ShouldBe(2);
        var queueArn = Cfn.Render(function["DeadLetterConfig"]!["TargetArn"]);
        stack.Resources("AWS::SQS::Queue").ShouldContain(q => Cfn.GetAtt(q.Id, "Arn") == queueArn);
    }

    private string Variable(string function, string name) =>
        Cfn.Render(stack.Function(function).Properties["Environment"]!["Variables"]![name]);
}
