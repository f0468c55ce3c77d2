using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageLabelsLive.Aws.DynamoDb;
using Microsoft.Extensions.DependencyInjection;
using LocalTables = ImageLabelsLive.LocalAws.DynamoDB.LocalTables;

namespace ImageLabelsLive.LocalAws.Tests.DynamoDB;

/// <summary>
/// The cause of the 5,000-tab feed whose one tab never got a push: dynalite tells apart the entries that share one index
/// key by the first 6 hex digits of MD5("Outliers" + table key), so two connections of one feed whose ids share those
/// 24 bits overwrite each other in a feed index without a sort key (about 0.7 a feed at 5,000 connections). The Connections
/// table's feed index now has connectionId as its sort key, which makes each entry's key unique.
/// </summary>
public sealed class ConnectionsFeedIndexTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    // Found by a birthday search over random ids shaped like the local API Gateway's: both hash to 238552 in dynalite.
    private static readonly string[] IdsDynaliteHashesAlike = ["HppMauc_XfuA=", "NBjUkKUxmgxq="];

    [Fact]
    public async Task Query_TwoConnectionsDynaliteHashesAlike_ReturnsBoth()
    {
        await using var server = await LocalDynamoDbServer.StartAsync(dynalite);
        using var client = server.CreateClient();
        const string feedId = "ZmVlZEZvckNvbGxpc2lvbnM";
        foreach (var connectionId in IdsDynaliteHashesAlike)
        {
            await client.PutItemAsync(server.Options.ConnectionsTableName, Connection(connectionId, feedId));
        }

        var found = await QueryFeedAsync(client, server.Options.ConnectionsTableName, feedId);

        found.Order(StringComparer.Ordinal).ShouldBe(IdsDynaliteHashesAlike.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EnsureCreatedAsync_ConnectionsTableWithTheOldFeedIndex_RecreatesItWithTheSortKey()
    {
        await using var server = await LocalDynamoDbServer.StartAsync(dynalite, createTables: false);
        using var client = server.CreateClient();
        var table = server.Options.ConnectionsTableName;
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            AttributeDefinitions = [new AttributeDefinition("connectionId", ScalarAttributeType.S), new AttributeDefinition("feedId", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("connectionId", KeyType.HASH)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = TableSchemas.ConnectionsFeedIndex,
                    KeySchema = [new KeySchemaElement("feedId", KeyType.HASH)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        });

        var result = await server.Services.GetRequiredService<LocalTables>().EnsureCreatedAsync(CancellationToken.None);

        result.Created.ShouldContain(table);
        var index = (await client.DescribeTableAsync(table)).Table.GlobalSecondaryIndexes.ShouldHaveSingleItem();
        index.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)).ShouldBe([("feedId", "HASH"), ("connectionId", "RANGE")]);
    }

    private static Dictionary<string, AttributeValue> Connection(string connectionId, string feedId) => new()
    {
        ["connectionId"] = new AttributeValue { S = connectionId },
        ["feedId"] = new AttributeValue { S = feedId },
        ["connectedAt"] = new AttributeValue { S = "2026-12-07T00:00:00.000Z" },
        ["expiresAt"] = new AttributeValue { N = "9999999999" },
    };

    private static async Task<List<string>> QueryFeedAsync(AmazonDynamoDBClient client, string table, string feedId)
    {
        var found = new List<string>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.QueryAsync(new QueryRequest
            {
                TableName = table,
                IndexName = TableSchemas.ConnectionsFeedIndex,
                KeyConditionExpression = "feedId = :feed",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":feed"] = new() { S = feedId } },
                ExclusiveStartKey = start,
            });
            found.AddRange(page.Items.Select(item => item["connectionId"].S));
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return found;
    }
}
