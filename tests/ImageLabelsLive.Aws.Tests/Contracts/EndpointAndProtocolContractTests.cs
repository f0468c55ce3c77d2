using System.Text.Json;
using Amazon.ApiGatewayManagementApi;
using Amazon.Rekognition;
using Amazon.Runtime;
using Amazon.SimpleNotificationService;
using ImageLabelsLive.Aws.AwsProtocol;
using ImageLabelsLive.Aws.Tests.StandIns;
using ImageLabelsLive.Testing;

namespace ImageLabelsLive.Aws.Tests.Contracts;

/// <summary>Endpoint selection against the official endpoint rule tests, and each client's protocol facts against the Smithy models.</summary>
public class EndpointAndProtocolContractTests
{
    public static TheoryData<string> Services() => ["rekognition", "sns", "apigatewaymanagementapi"];

    private static AwsServiceDescription Description(string service) => service switch
    {
        "rekognition" => AmazonRekognitionClient.Service,
        "sns" => AmazonSimpleNotificationServiceClient.Service,
        _ => AmazonApiGatewayManagementApiClient.Service,
    };

    /// <summary>
    /// Every rule test without FIPS or dual-stack (neither is offered here): a region alone gives the public regional
    /// endpoint in its partition, a custom endpoint wins, and neither is an error.
    /// </summary>
    [SharedTheory]
    [MemberData(nameof(Services))]
    public void Resolve_EndpointRuleTests_GiveTheExpectedUrl(string service)
    {
        using var tests = ServiceModel.LoadJson("contracts", "models", "botocore", "endpoint-tests", service, "endpoint-tests-1.json");
        var checkedCases = 0;
        foreach (var testCase in tests.RootElement.GetProperty("testCases").EnumerateArray())
        {
            var parameters = testCase.TryGetProperty("params", out var given) ? given : default;
            if (Flag(parameters, "UseFIPS") || Flag(parameters, "UseDualStack"))
            {
                continue;
            }
            var region = Text(parameters, "Region");
            var endpoint = Text(parameters, "Endpoint");
            var environment = region is null ? TestClients.Environment() : TestClients.Environment(("AWS_REGION", region));
            var settings = new AwsClientSettings(null, endpoint, null, null, null);
            var expect = testCase.GetProperty("expect");

            if (expect.TryGetProperty("endpoint", out var expected))
            {
                var resolved = AwsEndpoint.Resolve(Description(service), settings, environment);
                resolved.BaseUri.ShouldBe(new Uri(expected.GetProperty("url").GetString()!), testCase.GetRawText());
                if (region is not null)
                {
                    resolved.SigningRegion.ShouldBe(region);
                }
            }
            else
            {
                Should.Throw<AmazonClientException>(() => AwsEndpoint.Resolve(Description(service), settings, environment));
            }
            checkedCases++;
        }
        checkedCases.ShouldBeGreaterThan(3);
    }

    [SharedTheory]
    [MemberData(nameof(Services))]
    public void Service_SmithyModel_AgreesOnSdkIdEndpointPrefixSigningNameAndProtocol(string service)
    {
        var file = Directory.GetFiles(SharedData.PathOf("contracts", "models", "smithy"), "*.json", SearchOption.AllDirectories)
            .Single(path => path.Contains(Path.DirectorySeparatorChar + service + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        using var model = JsonDocument.Parse(File.ReadAllBytes(file));
        var (shapeId, shape) = model.RootElement.GetProperty("shapes").EnumerateObject()
            .Select(property => (property.Name, property.Value))
            .Single(property => property.Value.GetProperty("type").GetString() == "service");
        var traits = shape.GetProperty("traits");
        var description = Description(service);

        traits.GetProperty("aws.api#service").GetProperty("sdkId").GetString().ShouldBe(description.ServiceId);
        traits.GetProperty("aws.api#service").GetProperty("endpointPrefix").GetString().ShouldBe(description.EndpointPrefix);
        traits.GetProperty("aws.auth#sigv4").GetProperty("name").GetString().ShouldBe(description.SigningName);
        var protocol = description.ErrorProtocol switch
        {
            AwsErrorProtocol.Json => "aws.protocols#awsJson1_1",
            AwsErrorProtocol.Query => "aws.protocols#awsQuery",
            _ => "aws.protocols#restJson1",
        };
        traits.TryGetProperty(protocol, out _).ShouldBeTrue(protocol);
        if (description.ErrorProtocol == AwsErrorProtocol.Json)
        {
            // awsJson's X-Amz-Target is the service shape's name, then the operation's.
            shapeId[(shapeId.IndexOf('#', StringComparison.Ordinal) + 1)..].ShouldBe(AmazonRekognitionClient.TargetPrefix);
        }
    }

    private static bool Flag(JsonElement parameters, string name) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out var value) && value.GetBoolean();

    private static string? Text(JsonElement parameters, string name) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out var value) ? value.GetString() : null;
}
