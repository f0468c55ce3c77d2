using ImageLabelsLive.Aws.AwsProtocol;

namespace Amazon.SimpleNotificationService;

/// <summary>The settings of <see cref="AmazonSimpleNotificationServiceClient"/> this stand-in honours, named as on AWSSDK's ClientConfig. ServiceURL: e.g. the local host's SNS.</summary>
public class AmazonSimpleNotificationServiceConfig : StandInClientConfig
{
}
