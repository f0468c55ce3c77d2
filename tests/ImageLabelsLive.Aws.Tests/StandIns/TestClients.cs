using Amazon.ApiGatewayManagementApi;
using Amazon.Rekognition;
using Amazon.Runtime;
using Amazon.SimpleNotificationService;
using ImageLabelsLive.Aws.AwsProtocol;

namespace ImageLabelsLive.Aws.Tests.StandIns;

/// <summary>Builds the stand-in clients against an in-process handler, a fixed clock and a private environment.</summary>
internal static class TestClients
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public static readonly DateTimeOffset SignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public static BasicAWSCredentials Credentials { get; } = new(AccessKey, SecretKey);

    public static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(variable => variable.Name, variable => variable.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }

    public static AwsTransportOverrides Overrides(HttpMessageHandler handler, Func<string, string?>? environment = null) =>
        new(handler, new FakeTimeProvider(SignedAt), environment ?? Environment(("AWS_REGION", "eu-west-1")));

    public static AmazonRekognitionClient Rekognition(HttpMessageHandler handler, AmazonRekognitionConfig? config = null, Func<string, string?>? environment = null, AWSCredentials? credentials = null) =>
        new(credentials ?? Credentials, config ?? new AmazonRekognitionConfig { MaxErrorRetry = 0 }, Overrides(handler, environment));

    public static AmazonSimpleNotificationServiceClient Sns(HttpMessageHandler handler, AmazonSimpleNotificationServiceConfig? config = null, Func<string, string?>? environment = null) =>
        new(Credentials, config ?? new AmazonSimpleNotificationServiceConfig { MaxErrorRetry = 0 }, Overrides(handler, environment));

    public static AmazonApiGatewayManagementApiClient Management(HttpMessageHandler handler, string serviceUrl = "https://abc123.execute-api.eu-west-1.amazonaws.com/prod", Func<string, string?>? environment = null, string? authenticationRegion = null, int maxErrorRetry = 0) =>
        new(Credentials, new AmazonApiGatewayManagementApiConfig { ServiceURL = serviceUrl, AuthenticationRegion = authenticationRegion, MaxErrorRetry = maxErrorRetry }, Overrides(handler, environment ?? Environment()));
}
