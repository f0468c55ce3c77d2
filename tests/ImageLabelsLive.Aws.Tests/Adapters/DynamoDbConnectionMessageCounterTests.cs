using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Aws.Tests.Adapters;

/// <summary>The per-connection message counter on a real DynamoDB implementation (dynalite), on the Connections table as the CDK app declares it.</summary>
[Collection(DynaliteGroup.Name)]
public class DynamoDbConnectionMessageCounterTests
{
    private const long Window = 1_796_634_000;
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private readonly DynamoDbTables tables;
    private readonly DynamoDbConnectionStore store;
    private readonly DynamoDbConnectionMessageCounter counter;

    public DynamoDbConnectionMessageCounterTests(DynamoDbTables tables)
    {
        this.tables = tables;
        store = new DynamoDbConnectionStore(tables.Client, DynamoDbTables.ConnectionsTable, new FakeTimeProvider(Now));
        counter = new DynamoDbConnectionMessageCounter(tables.Client, DynamoDbTables.ConnectionsTable);
    }

    private async Task<string> ConnectAsync()
    {
        var connectionId = Guid.NewGuid().ToString("N")[..16] + "=";
        await store.SaveAsync(new FeedConnection(connectionId, TestIds.Feed(), Now, Now.AddHours(2)), default);
        return connectionId;
    }

    [Fact]
    public async Task CountAsync_SameWindow_CountsUp()
    {
        var connectionId = await ConnectAsync();

        var counts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            counts.Add(await counter.CountAsync(connectionId, Window, default));
        }

        counts.ShouldBe([1, 2, 3]);
    }

    [Fact]
    public async Task CountAsync_LaterWindow_StartsAgainAtOne()
    {
        var connectionId = await ConnectAsync();
        await counter.CountAsync(connectionId, Window, default);
        await counter.CountAsync(connectionId, Window, default);

        (await counter.CountAsync(connectionId, Window + 1, default)).ShouldBe(1);
    }

    [Fact]
    public async Task CountAsync_ConcurrentMessages_EachCountedOnce()
    {
        var connectionId = await ConnectAsync();

        var counts = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => counter.CountAsync(connectionId, Window, default)));

        counts.Max().ShouldBe(12);
        counts.Order().ShouldBe(Enumerable.Range(1, 12));
    }

    [Fact]
    public async Task CountAsync_UnknownConnection_ZeroAndNoItemCreated()
    {
        var connectionId = "never-connected=";

        (await counter.CountAsync(connectionId, Window, default)).ShouldBe(0);

        (await tables.RawItemAsync(DynamoDbTables.ConnectionsTable, "connectionId", connectionId)).ShouldBeNull();
    }

    [Fact]
    public async Task CountAsync_KeepsTheConnectionsFeedAndExpiry()
    {
        var connectionId = await ConnectAsync();
        var before = await tables.RawItemAsync(DynamoDbTables.ConnectionsTable, "connectionId", connectionId);

        await counter.CountAsync(connectionId, Window, default);

        var after = (await tables.RawItemAsync(DynamoDbTables.ConnectionsTable, "connectionId", connectionId)).ShouldNotBeNull();
        after["feedId"].S.ShouldBe(before!["feedId"].S);
        after["expiresAt"].N.ShouldBe(before["expiresAt"].N);
        after["messageCount"].N.ShouldBe("1");
    }
}
