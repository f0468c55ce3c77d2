using ImageLabelsLive.Aws.AwsProtocol;

namespace Amazon.ApiGatewayManagementApi;

/// <summary>The settings of <see cref="AmazonApiGatewayManagementApiClient"/> this stand-in honours, named as on AWSSDK's ClientConfig. ServiceURL: the WebSocket API's connections endpoint including its stage, e.g. https://{apiId}.execute-api.{region}.amazonaws.com/{stage}, or a local host's equivalent.</summary>
public class AmazonApiGatewayManagementApiConfig : StandInClientConfig
{
}
