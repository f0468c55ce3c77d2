using System.Text.Json.Nodes;

namespace ImageLabelsLive.Infra.Tests;

[Collection(ProductionTemplateGroup.Name)]
public sealed class StreamTests(ProductionTemplate stack)
{
    [Theory]
    [InlineData("PushResults", 50, 3, 900)]
    [InlineData("NotifyResults", 10, 5, 21600)]
    public void StreamMapping_Synthesized_RetriesBoundedThenSendsToItsOwnQueue(string function, int batchSize, int retries, int maxAgeSeconds)
    {
        var (imagesId, _) = stack.One("AWS::DynamoDB::Table", "TablesImages");

        var mapping = MappingOf(function);

        Cfn.Render(mapping["EventSourceArn"]).ShouldBe(Cfn.GetAtt(imagesId, "StreamArn"));
        ((int?)mapping["BatchSize"]).ShouldBe(batchSize);
        ((bool?)mapping["BisectBatchOnFunctionError"]).ShouldBe(true);
        Cfn.RenderList(mapping["FunctionResponseTypes"]).ShouldBe(["ReportBatchItemFailures"]);
        ((int?)mapping["MaximumRetryAttempts"]).ShouldBe(retries);
        ((int?)mapping["MaximumRecordAgeInSeconds"]).ShouldBe(maxAgeSeconds);
        Cfn.Render(mapping["StartingPosition"]).ShouldBe("TRIM_HORIZON");
        var destination = Cfn.Render(mapping["DestinationConfig"]!["OnFailure"]!["Destination"]);
        stack.Resources("AWS::SQS::Queue").ShouldContain(q => Cfn.GetAtt(q.Id, "Arn") == destination);
    }

    [Fact]
    public void StreamMappings_Synthesized_DoNotShareADeadLetterQueue()
    {
        Cfn.Render(MappingOf("PushResults")["DestinationConfig"]!["OnFailure"]!["Destination"])
            .ShouldNotBe(Cfn.Render(MappingOf("NotifyResults")["DestinationConfig"]!["OnFailure"]!["Destination"]));
    }

    [Fact]
    public void PushResults_StreamMapping_SeesEveryRecord()
    {
        MappingOf("PushResults").ContainsKey("FilterCriteria").ShouldBeFalse();
    }

    [Theory]
    [InlineData("MODIFY", "processing", "labeled", true)]
    [InlineData("MODIFY", "processing", "failed", true)]
    [InlineData("MODIFY", "uploading", "failed", true)]
    [InlineData("MODIFY", "uploading", "processing", false)]
    [InlineData("MODIFY", "labeled", "labeled", false)]
    [InlineData("MODIFY", "failed", "failed", false)]
    [InlineData("INSERT", null, "uploading", false)]
    [InlineData("REMOVE", "labeled", null, false)]
    public void NotifyResults_Filter_PassesOnlyTransitionsIntoLabeledOrFailed(string eventName, string? oldStatus, string? newStatus, bool passes)
    {
        var filters = MappingOf("NotifyResults")["FilterCriteria"]!["Filters"]!.AsArray();
        var pattern = JsonNode.Parse(Cfn.Render(filters.ShouldHaveSingleItem()!["Pattern"]))!;

        var record = new JsonObject
        {
            ["eventName"] = eventName,
            ["dynamodb"] = new JsonObject
            {
                ["Keys"] = new JsonObject { ["imageId"] = new JsonObject { ["S"] = "img-1" } },
                ["NewImage"] = newStatus is null ? null : Image(newStatus),
                ["OldImage"] = oldStatus is null ? null : Image(oldStatus),
            },
        };

        EventPattern.Matches(pattern, record).ShouldBe(passes);
    }

    [Fact]
    public void DeadLetterQueues_Synthesized_AreEncryptedTlsOnlyAndKeptTwoWeeks()
    {
        var queues = stack.Resources("AWS::SQS::Queue");
        queues.Count.ShouldBe(5);

        foreach (var (id, queue) in queues)
        {
            ((bool?)queue["SqsManagedSseEnabled"]).ShouldBe(true, id);
            ((int?)queue["MessageRetentionPeriod"]).ShouldBe(1_209_600, id);
            var policy = stack.Resources("AWS::SQS::QueuePolicy").Single(p => Cfn.RenderList(p.Properties["Queues"]).Contains(Cfn.Ref(id))).Properties;
            var deny = policy["PolicyDocument"]!["Statement"]!.AsArray().Single(s => Cfn.Render(s!["Effect"]) == "Deny")!;
            Cfn.Render(deny["Condition"]!["Bool"]!["aws:SecureTransport"]).ShouldBe("false", id);
        }
    }

    private static JsonObject Image(string status) => new()
    {
        ["imageId"] = new JsonObject { ["S"] = "img-1" },
        ["status"] = new JsonObject { ["S"] = status },
    };

    private JsonObject MappingOf(string function)
    {
        var (functionId, _) = stack.Function(function);
        return stack.Resources("AWS::Lambda::EventSourceMapping").Single(m => Cfn.Render(m.Properties["FunctionName"]) == Cfn.Ref(functionId)).Properties;
    }
}
