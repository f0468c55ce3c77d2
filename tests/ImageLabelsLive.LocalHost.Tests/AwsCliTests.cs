using System.Diagnostics;
using System.Text.Json;

namespace ImageLabelsLive.LocalHost.Tests;

/// <summary>Runs only where the Debian AWS CLI (a real, independent AWS client) is installed; ./test.sh installs it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AwsCliFactAttribute : FactAttribute
{
    public const string Cli = "/usr/bin/aws";

    public AwsCliFactAttribute()
    {
        if (!File.Exists(Cli))
        {
            Skip = "The AWS CLI is not installed at /usr/bin/aws (apt-get install awscli; ./test.sh does it).";
        }
    }
}

/// <summary>The real AWS CLI, pointed at /local/endpoints with arbitrary credentials, gets AWS's answers for the calls the app makes.</summary>
[Collection(SharedLocalApp.Name)]
public sealed class AwsCliTests(LocalAppFixture stack)
{
    private readonly AppClient client = new(stack);

    [AwsCliFact]
    public async Task DynamoDbScan_ImagesTable_ReturnsUploadedItem()
    {
        var ticket = await client.CreateUploadAsync(AppClient.NewFeedId(), "cli.png", "image/png", 10);

        var result = await AwsAsync(stack.Endpoints.Dynamodb, "dynamodb", "scan", "--table-name", stack.Endpoints.ImagesTable);

        result.GetProperty("Items").EnumerateArray().ShouldContain(item => item.GetProperty("imageId").GetProperty("S").GetString() == ticket.ImageId);
    }

    [AwsCliFact]
    public async Task S3HeadObject_UploadedObject_GivesLengthAndType()
    {
        var feedId = AppClient.NewFeedId();
        var png = TestImages.GradientPng();
        var ticket = await client.UploadAsync(feedId, "head.png", png);

        var result = await AwsAsync(stack.Endpoints.S3, "s3api", "head-object", "--bucket", stack.Endpoints.UploadBucket, "--key", $"uploads/{feedId}/{ticket.ImageId}");

        result.GetProperty("ContentLength").GetInt64().ShouldBe(png.Length);
        result.GetProperty("ContentType").GetString().ShouldBe("image/png");
    }

    [AwsCliFact]
    public async Task SnsPublish_AppTopic_ReturnsMessageIdAndMailArrives()
    {
        var subject = "cli-" + Guid.NewGuid().ToString("N")[..8];

        var result = await AwsAsync(stack.Endpoints.Sns, "sns", "publish", "--topic-arn", stack.Endpoints.TopicArn, "--subject", subject, "--message", "hello from the CLI");

        result.GetProperty("MessageId").GetString().ShouldNotBeNullOrEmpty();
        await AppClient.EventuallyAsync(async () => (await client.EmailsAsync()).Any(email => email.GetProperty("subject").GetString() == subject));
    }

    [AwsCliFact]
    public async Task SnsPublish_UnknownTopic_IsNotFound()
    {
        var (code, _, error) = await RunAsync(stack.Endpoints.Sns, "sns", "publish", "--topic-arn", "arn:aws:sns:us-east-1:000000000000:nope", "--message", "x");

        code.ShouldNotBe(0);
        error.ShouldContain("NotFound");
    }

    [AwsCliFact]
    public async Task RekognitionDetectLabels_BytesAndS3Object_ReturnLabels()
    {
        var feedId = AppClient.NewFeedId();
        var png = TestImages.GradientPng();
        var ticket = await client.UploadAsync(feedId, "cli-detect.png", png);
        var file = Path.Combine(Path.GetTempPath(), $"cli-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, SharedData.Directory is null ? png : await File.ReadAllBytesAsync(SharedData.PathOf("images", "cat_chelsea.png")));
        try
        {
            var fromBytes = await AwsAsync(stack.Endpoints.Rekognition, "rekognition", "detect-labels", "--image-bytes", $"fileb://{file}", "--min-confidence", "30");
            var fromS3 = await AwsAsync(stack.Endpoints.Rekognition, "rekognition", "detect-labels", "--image",
                JsonSerializer.Serialize(new { S3Object = new { Bucket = stack.Endpoints.UploadBucket, Name = $"uploads/{feedId}/{ticket.ImageId}" } }));

            fromBytes.GetProperty("Labels").ValueKind.ShouldBe(JsonValueKind.Array);
            if (SharedData.Directory is not null)
            {
                fromBytes.GetProperty("Labels").EnumerateArray().ShouldContain(label => label.GetProperty("Name").GetString() == "Cat");
            }
            fromS3.GetProperty("LabelModelVersion").GetString().ShouldNotBeNullOrEmpty();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [AwsCliFact]
    public async Task ApiGatewayManagementApi_PostGetDelete_ActOnTheSocket()
    {
        var feedId = AppClient.NewFeedId();
        await using var tab = await client.OpenFeedAsync(feedId);
        var connectionId = (await client.ConnectionIdsOfFeedAsync(feedId)).ShouldHaveSingleItem();
        var endpoint = stack.Endpoints.Apigatewaymanagementapi;

        // "--connection-id=…" in one argument: an id may start with "-", which the CLI would take for an option.
        await RunOkAsync(endpoint, "apigatewaymanagementapi", "post-to-connection", "--connection-id=" + connectionId, "--cli-binary-format", "raw-in-base64-out", "--data", "{\"type\":\"hello\"}");
        await tab.WaitForAsync(message => message.GetProperty("type").GetString() == "hello", TimeSpan.FromSeconds(10));
        var described = await AwsAsync(endpoint, "apigatewaymanagementapi", "get-connection", "--connection-id=" + connectionId);
        described.GetProperty("Identity").GetProperty("SourceIp").GetString().ShouldBe("127.0.0.1");
        described.TryGetProperty("ConnectedAt", out _).ShouldBeTrue();
        await RunOkAsync(endpoint, "apigatewaymanagementapi", "delete-connection", "--connection-id=" + connectionId);

        await AppClient.EventuallyAsync(() => Task.FromResult(tab.Socket.State != System.Net.WebSockets.WebSocketState.Open));
        var (code, _, error) = await RunAsync(endpoint, "apigatewaymanagementapi", "get-connection", "--connection-id=" + connectionId);
        code.ShouldNotBe(0);
        error.ShouldContain("GoneException");
    }

    [AwsCliFact]
    public async Task ApiGatewayManagementApi_UnknownConnection_IsGone()
    {
        var (code, _, error) = await RunAsync(stack.Endpoints.Apigatewaymanagementapi, "apigatewaymanagementapi", "post-to-connection",
            "--connection-id=nosuchconnection=", "--cli-binary-format", "raw-in-base64-out", "--data", "x");

        code.ShouldNotBe(0);
        error.ShouldContain("GoneException");
    }

    private async Task<JsonElement> AwsAsync(string endpoint, params string[] arguments)
    {
        var (code, output, error) = await RunAsync(endpoint, arguments);
        code.ShouldBe(0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private async Task RunOkAsync(string endpoint, params string[] arguments)
    {
        var (code, _, error) = await RunAsync(endpoint, arguments);
        code.ShouldBe(0, error);
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(string endpoint, params string[] arguments)
    {
        var info = new ProcessStartInfo(AwsCliFactAttribute.Cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Concat(["--endpoint-url", endpoint, "--region", stack.Endpoints.Region, "--output", "json"]))
        {
            info.ArgumentList.Add(argument);
        }
        // Any credentials: the stand-ins verify only the key pair the host gave its functions.
        info.Environment["AWS_ACCESS_KEY_ID"] = "AKIAANYONE";
        info.Environment["AWS_SECRET_ACCESS_KEY"] = "anything";
        info.Environment["AWS_PAGER"] = "";
        info.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
