using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Aws.DynamoDb;

namespace ImageLabelsLive.Aws.Tests.Adapters;

/// <summary>The flood-limit counters on a real DynamoDB implementation (dynalite), with the table as the CDK app declares it.</summary>
[Collection(DynaliteGroup.Name)]
public class DynamoDbSubscriptionRequestCounterTests(DynamoDbTables tables)
{
    private const string Table = "ill-subscription-requests";
    private static readonly DateTimeOffset WindowEnds = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private async Task<DynamoDbSubscriptionRequestCounter> CounterAsync()
    {
        try
        {
            await tables.Client.CreateTableAsync(TableSchemas.SubscriptionRequests(Table).Create);
        }
        catch (ResourceInUseException)
        {
            // Another test created it.
        }
        return new DynamoDbSubscriptionRequestCounter(tables.Client, Table);
    }

    [Fact]
    public async Task TryTakeAsync_UpToTheLimit_TrueThenFalse()
    {
        var counter = await CounterAsync();
        var name = "feed#" + Guid.NewGuid();

        (await counter.TryTakeAsync(name, 2, WindowEnds, default)).ShouldBeTrue();
        (await counter.TryTakeAsync(name, 2, WindowEnds, default)).ShouldBeTrue();
        (await counter.TryTakeAsync(name, 2, WindowEnds, default)).ShouldBeFalse();

        var item = (await tables.Client.GetItemAsync(Table, new Dictionary<string, AttributeValue> { ["counterId"] = new() { S = name } })).Item;
        item["requests"].N.ShouldBe("2");
        item["expiresAt"].N.ShouldBe(WindowEnds.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ReleaseAsync_AfterTheLimit_OneMoreAllowed()
    {
        var counter = await CounterAsync();
        var name = "address#" + Guid.NewGuid();
        await counter.TryTakeAsync(name, 1, WindowEnds, default);

        await counter.ReleaseAsync(name, default);

        (await counter.TryTakeAsync(name, 1, WindowEnds, default)).ShouldBeTrue();
    }

    [Fact]
    public async Task ReleaseAsync_NothingTaken_NoErrorAndNeverBelowZero()
    {
        var counter = await CounterAsync();
        var name = "feed#" + Guid.NewGuid();

        await counter.ReleaseAsync(name, default);

        (await counter.TryTakeAsync(name, 1, WindowEnds, default)).ShouldBeTrue();
        (await counter.TryTakeAsync(name, 1, WindowEnds, default)).ShouldBeFalse();
    }

    [Fact]
    public async Task TryTakeAsync_TwentyAtOnce_ExactlyTheLimitPass()
    {
        var counter = await CounterAsync();
        var name = "feed#" + Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => counter.TryTakeAsync(name, 5, WindowEnds, default)));

        results.Count(taken => taken).ShouldBe(5);
    }
}
