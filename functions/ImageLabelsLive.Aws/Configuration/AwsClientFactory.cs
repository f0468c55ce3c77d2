using Amazon.ApiGatewayManagementApi;
using Amazon.DynamoDBv2;
using Amazon.Rekognition;
using Amazon.S3;
using Amazon.SimpleNotificationService;

namespace ImageLabelsLive.Aws.Configuration;

/// <summary>
/// Builds the production AWS clients. On AWS only the region (AWS_REGION) is needed; locally the
/// endpoint settings point each client at the host's stand-in, and nothing else changes.
/// </summary>
/// <remarks>
/// ServiceURL is assigned only when there is one: on AWSSDK's ClientConfig assigning it, even null, clears the
/// region. Every call has one retry layer: Rekognition and the management API are retried by the adapters
/// (<see cref="Detection.RekognitionLabelDetector"/>, <see cref="Messaging.ApiGatewayConnectionMessenger"/>,
/// which know how long the caller can wait), so their SDK retries are off; DynamoDB, S3 and SNS keep the
/// SDK's standard mode (2 retries) and have no retries of their own.
/// </remarks>
public static class AwsClientFactory
{
    public static IAmazonDynamoDB CreateDynamoDb(FunctionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = new AmazonDynamoDBConfig();
        if (settings.DynamoDbEndpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
        }
        return new AmazonDynamoDBClient(config);
    }

    public static IAmazonS3 CreateS3(FunctionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = new AmazonS3Config();
        if (settings.S3Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            // A local endpoint has no per-bucket host names.
            config.ForcePathStyle = true;
        }
        return new AmazonS3Client(config);
    }

    public static IAmazonRekognition CreateRekognition(FunctionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = new AmazonRekognitionConfig { MaxErrorRetry = 0 };
        if (settings.RekognitionEndpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
        }
        return new AmazonRekognitionClient(config);
    }

    public static IAmazonSimpleNotificationService CreateSns(FunctionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = new AmazonSimpleNotificationServiceConfig();
        if (settings.SnsEndpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
        }
        return new AmazonSimpleNotificationServiceClient(config);
    }

    public static IAmazonApiGatewayManagementApi CreateManagementApi(FunctionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var endpoint = FunctionSettings.Require(settings.ConnectionsEndpoint, "CONNECTIONS_ENDPOINT");
        return new AmazonApiGatewayManagementApiClient(new AmazonApiGatewayManagementApiConfig { ServiceURL = endpoint.ToString(), MaxErrorRetry = 0 });
    }
}
