using Amazon.ApiGatewayManagementApi;
using Amazon.DynamoDBv2;
using Amazon.Rekognition;
using Amazon.S3;
using Amazon.SimpleNotificationService;

namespace ImageLabelsLive.Aws.Configuration;

/// <summary>
/// Builds the production AWS clients. On AWS only the region (AWS_REGION) is needed; locally the
/// AWS_ENDPOINT_URL_* settings point each client at the host's stand-in, and nothing else changes.
/// </summary>
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
        return new AmazonRekognitionClient(new AmazonRekognitionConfig { ServiceURL = settings.RekognitionEndpoint?.ToString() });
    }

    public static IAmazonSimpleNotificationService CreateSns(FunctionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new AmazonSimpleNotificationServiceClient(new AmazonSimpleNotificationServiceConfig { ServiceURL = settings.SnsEndpoint?.ToString() });
    }

    public static IAmazonApiGatewayManagementApi CreateManagementApi(FunctionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var endpoint = FunctionSettings.Require(settings.ConnectionsEndpoint, "CONNECTIONS_ENDPOINT");
        return new AmazonApiGatewayManagementApiClient(new AmazonApiGatewayManagementApiConfig { ServiceURL = endpoint.ToString() });
    }
}
