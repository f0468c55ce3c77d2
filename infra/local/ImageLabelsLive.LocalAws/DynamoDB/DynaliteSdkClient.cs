using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>
/// dynalite through AWSSDK's DynamoDB client, for the endpoint's own control calls: table setup, table shapes and
/// health. Clients' requests are forwarded byte for byte, and the item reads behind the stream records stay DynamoDB
/// JSON, through <see cref="DynaliteClient"/>: the records keep items as that JSON.
/// </summary>
internal sealed class DynaliteSdkClient : IDisposable
{
    public DynaliteSdkClient(LocalDynamoDbOptions options)
    {
        // dynalite wants a SigV4-shaped request and checks no signature.
        Client = new AmazonDynamoDBClient(
            new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig
            {
                ServiceURL = options.DynaliteUrl.ToString(),
                AuthenticationRegion = options.Region,
                MaxErrorRetry = 2,
                Timeout = options.DynaliteTimeout,
            });
    }

    public AmazonDynamoDBClient Client { get; }

    public void Dispose() => Client.Dispose();
}
