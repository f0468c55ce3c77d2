using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Aws.Tests.Adapters;

[Collection(DynaliteGroup.Name)]
public class DynamoDbConnectionStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly DynamoDbTables tables;
    private readonly FakeTimeProvider clock = new(Now);
    private readonly DynamoDbConnectionStore store;

    public DynamoDbConnectionStoreTests(DynamoDbTables tables)
    {
        this.tables = tables;
        store = new DynamoDbConnectionStore(tables.Client, DynamoDbTables.ConnectionsTable, clock);
    }

    private static FeedConnection Connection(string feedId, TimeSpan? expiresIn = null) =>
        new(Guid.NewGuid().ToString("N")[..16] + "=", feedId, Now.AddMinutes(-1), Now + (expiresIn ?? TimeSpan.FromHours(2)));

    [Fact]
    public async Task SaveAsync_ThenListByFeed_ReturnsOnlyThatFeedsConnections()
    {
        var feedId = TestIds.Feed();
        var mine = new[] { Connection(feedId), Connection(feedId) };
        foreach (var connection in mine)
        {
            await store.SaveAsync(connection, default);
        }
        await store.SaveAsync(Connection(TestIds.Feed()), default);

        var listed = await store.ListByFeedAsync(feedId, default);

        listed.Order(StringComparer.Ordinal).ShouldBe(mine.Select(connection => connection.ConnectionId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SaveAsync_StoresTheDesignsAttributesWithEpochSecondsExpiry()
    {
        var connection = Connection(TestIds.Feed()) with { ExpiresAt = new DateTimeOffset(2026, 11, 21, 11, 10, 0, 500, TimeSpan.Zero) };

        await store.SaveAsync(connection, default);

        var item = (await tables.RawItemAsync(DynamoDbTables.ConnectionsTable, "connectionId", connection.ConnectionId)).ShouldNotBeNull();
        item["feedId"].S.ShouldBe(connection.FeedId);
        item["expiresAt"].N.ShouldBe("1795259400");
    }

    [Fact]
    public async Task ListByFeedAsync_ManyConnections_ReturnsEveryOne()
    {
        var feedId = TestIds.Feed();
        var ids = new List<string>();
        for (var i = 0; i < 250; i++)
        {
            var connection = Connection(feedId);
            ids.Add(connection.ConnectionId);
            await store.SaveAsync(connection, default);
        }

        var listed = await store.ListByFeedAsync(feedId, default);

        listed.Count.ShouldBe(250);
        listed.Order(StringComparer.Ordinal).ShouldBe(ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListByFeedAsync_ExpiredConnections_AreLeftOutThoughStillStored()
    {
        var feedId = TestIds.Feed();
        var live = Connection(feedId, TimeSpan.FromSeconds(1));
        var expired = Connection(feedId, TimeSpan.FromSeconds(-1));
        var expiringNow = Connection(feedId, TimeSpan.Zero);
        foreach (var connection in new[] { live, expired, expiringNow })
        {
            await store.SaveAsync(connection, default);
        }

        var listed = await store.ListByFeedAsync(feedId, default);

        listed.ShouldBe([live.ConnectionId]);
        // TTL deletes lazily (and dynalite not at all): the reader is what hides it.
        (await tables.RawItemAsync(DynamoDbTables.ConnectionsTable, "connectionId", expired.ConnectionId)).ShouldNotBeNull();
    }

    [Fact]
    public async Task ListByFeedAsync_AfterTheClockPassesExpiry_LeavesTheConnectionOut()
    {
        var feedId = TestIds.Feed();
        var connection = Connection(feedId, TimeSpan.FromMinutes(130));
        await store.SaveAsync(connection, default);

        (await store.ListByFeedAsync(feedId, default)).ShouldBe([connection.ConnectionId]);
        clock.SetUtcNow(Now.AddMinutes(131));
        (await store.ListByFeedAsync(feedId, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheConnectionAndToleratesRepeats()
    {
        var feedId = TestIds.Feed();
        var closing = Connection(feedId);
        var staying = Connection(feedId);
        await store.SaveAsync(closing, default);
        await store.SaveAsync(staying, default);

        await store.DeleteAsync(closing.ConnectionId, default);
        await store.DeleteAsync(closing.ConnectionId, default);

        (await store.ListByFeedAsync(feedId, default)).ShouldBe([staying.ConnectionId]);
        (await tables.RawItemAsync(DynamoDbTables.ConnectionsTable, "connectionId", closing.ConnectionId)).ShouldBeNull();
    }

    [Fact]
    public async Task SaveAsync_SameConnectionAgain_ReplacesIt()
    {
        var firstFeed = TestIds.Feed();
        var secondFeed = TestIds.Feed();
        var connection = Connection(firstFeed);
        await store.SaveAsync(connection, default);

        await store.SaveAsync(connection with { FeedId = secondFeed }, default);

        (await store.ListByFeedAsync(firstFeed, default)).ShouldBeEmpty();
        (await store.ListByFeedAsync(secondFeed, default)).ShouldBe([connection.ConnectionId]);
    }
}
