namespace ImageLabelsLive.Infra.Tests;

[Collection(ProductionTemplateGroup.Name)]
public sealed class SweeperTests(ProductionTemplate stack)
{
    [Fact]
    public void Schedule_Synthesized_RunsTheSweeperEveryFiveMinutes()
    {
        var (sweeperId, _) = stack.Function("SweepStaleImages");
        var rule = stack.Resources("AWS::Events::Rule").ShouldHaveSingleItem().Properties;

        Cfn.Render(rule["ScheduleExpression"]).ShouldBe("rate(5 minutes)");
        Cfn.Render(rule["State"]).ShouldBe("ENABLED");
        Cfn.Render(rule["Targets"]![0]!["Arn"]).ShouldBe(Cfn.GetAtt(sweeperId, "Arn"));
        stack.Resources("AWS::Lambda::Permission").ShouldContain(p =>
            Cfn.Render(p.Properties["Principal"]) == "events.amazonaws.com" && Cfn.Render(p.Properties["FunctionName"]) == Cfn.GetAtt(sweeperId, "Arn"));
    }

    [Fact]
    public void Sweeper_Synthesized_RunsOneAtATimeWithItsThresholds()
    {
        var function = stack.Function("SweepStaleImages").Properties;
        var environment = function["Environment"]!["Variables"]!;

        ((int?)function["ReservedConcurrentExecutions"]).ShouldBe(1);
        Cfn.Render(environment["UPLOAD_URL_TTL_SECONDS"]).ShouldBe("300");
        Cfn.Render(environment["PROCESSOR_TIMEOUT_SECONDS"]).ShouldBe("60");
        Cfn.Render(environment["SWEEP_GRACE_SECONDS"]).ShouldBe("300");
    }

    [Fact]
    public void ImagesTable_Synthesized_HasTheSparseUnfinishedIndex()
    {
        var (_, images) = stack.One("AWS::DynamoDB::Table", "TablesImages");

        var index = images["GlobalSecondaryIndexes"]!.AsArray().Single(i => Cfn.Render(i!["IndexName"]) == "unfinished-updatedAt-index")!;
        Cfn.Render(index["KeySchema"]![0]!["AttributeName"]).ShouldBe("unfinishedStatus");
        Cfn.Render(index["KeySchema"]![0]!["KeyType"]).ShouldBe("HASH");
        Cfn.Render(index["KeySchema"]![1]!["AttributeName"]).ShouldBe("updatedAt");
        Cfn.Render(index["KeySchema"]![1]!["KeyType"]).ShouldBe("RANGE");
    }
}
