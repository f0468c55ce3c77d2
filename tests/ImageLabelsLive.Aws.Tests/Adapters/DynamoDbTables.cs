using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.DynamoDBEvents;
using Amazon.Runtime;
using ImageLabelsLive.Aws.DynamoDb;
using ImageLabelsLive.Aws.Serialization;

namespace ImageLabelsLive.Aws.Tests.Adapters;

/// <summary>
/// One dynalite for the DynamoDB adapter tests, with the Images and Connections tables created as the
/// CDK app declares them (keys, index and attribute types of DESIGN.md). Tests share the tables and keep apart by using fresh feed and image ids.
/// </summary>
public sealed class DynamoDbTables : IAsyncLifetime, IDisposable
{
    public const string ImagesTable = "ill-images";
    public const string ConnectionsTable = "ill-connections";

    private DynaliteProcess? dynalite;
    private AmazonDynamoDBClient? client;

    public IAmazonDynamoDB Client => client ?? throw new InvalidOperationException("dynalite has not started.");

    public Uri Endpoint => dynalite?.Endpoint ?? throw new InvalidOperationException("dynalite has not started.");

    public async Task InitializeAsync()
    {
        dynalite = await DynaliteProcess.StartAsync();
        client = new AmazonDynamoDBClient(
            new BasicAWSCredentials("AKIDLOCAL", "local-secret"),
            new AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint.ToString(), AuthenticationRegion = "eu-west-1", MaxErrorRetry = 0 });
        foreach (var schema in new[] { TableSchemas.Images(ImagesTable), TableSchemas.Connections(ConnectionsTable) })
        {
            var create = schema.Create;
            create.StreamSpecification = null; // dynalite keeps no streams; these tests read items, not streams.
            await client.CreateTableAsync(create);
        }
        foreach (var table in new[] { ImagesTable, ConnectionsTable })
        {
            while ((await client.DescribeTableAsync(table)).Table.TableStatus != TableStatus.ACTIVE)
            {
                await Task.Delay(20);
            }
        }
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        client?.Dispose();
        dynalite?.Dispose();
    }

    /// <summary>An item exactly as the table holds it, through the SDK.</summary>
    public async Task<Dictionary<string, AttributeValue>?> RawItemAsync(string table, string keyName, string key)
    {
        var response = await Client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new Dictionary<string, AttributeValue> { [keyName] = new AttributeValue { S = key } },
            ConsistentRead = true,
        });
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>
    /// An Images item as DynamoDB JSON on the wire, read into Lambda's stream attribute type: the same text a
    /// stream record's NewImage carries. dynalite wants a SigV4-shaped Authorization header but checks no signature.
    /// </summary>
    public async Task<Dictionary<string, DynamoDBEvent.AttributeValue>> WireImageAsync(string imageId)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { TableName = ImagesTable, Key = new { imageId = new { S = imageId } }, ConsistentRead = true }),
                Encoding.UTF8,
                "application/x-amz-json-1.0"),
        };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDB_20120810.GetItem");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20261121T090000Z");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20261121/eu-west-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("Item").Deserialize(LambdaJson.Default.AttributeValueMap)!;
    }
}

[CollectionDefinition(Name)]
public sealed class DynaliteGroup : ICollectionFixture<DynamoDbTables>
{
    public const string Name = "dynalite";
}

/// <summary>Fresh ids, so tests sharing one table never see each other's items.</summary>
internal static class TestIds
{
    public static string Feed() => Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
