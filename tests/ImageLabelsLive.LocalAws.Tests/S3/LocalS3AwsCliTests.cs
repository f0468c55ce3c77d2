using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;

namespace ImageLabelsLive.LocalAws.Tests.S3;

/// <summary>The real AWS CLI v2 against the local S3 at its path-prefixed endpoint, as a developer would point it.</summary>
public sealed class LocalS3AwsCliTests(LocalS3Server server) : IClassFixture<LocalS3Server>
{
    [AwsCliFact]
    public async Task HeadObject_AwsCliWithAnyCredentials_ReportsLengthTypeAndETag()
    {
        var key = await UploadAsync("cli head.png", 321, "image/png");

        var (exitCode, output, error) = await AwsCli.RunAsync("AKIAANYTHING", "anything",
            "s3api", "head-object", "--bucket", LocalS3Server.Bucket, "--key", key,
            "--endpoint-url", server.ServiceUrl, "--region", "us-east-1");

        exitCode.ShouldBe(0, error);
        var head = JsonDocument.Parse(output).RootElement;
        head.GetProperty("ContentLength").GetInt64().ShouldBe(321);
        head.GetProperty("ContentType").GetString().ShouldBe("image/png");
        head.GetProperty("ETag").GetString().ShouldStartWith("\"");
    }

    [AwsCliFact]
    public async Task HeadObject_AwsCliWithTheLocalKey_SignatureVerified()
    {
        var key = await UploadAsync("verified.png", 42, "image/png");

        var (exitCode, output, error) = await AwsCli.RunAsync(server.Credentials.AccessKeyId, server.Credentials.SecretAccessKey,
            "s3api", "head-object", "--bucket", LocalS3Server.Bucket, "--key", key,
            "--endpoint-url", server.ServiceUrl, "--region", "us-east-1");

        exitCode.ShouldBe(0, error);
        JsonDocument.Parse(output).RootElement.GetProperty("ContentLength").GetInt64().ShouldBe(42);
    }

    [AwsCliFact]
    public async Task HeadObject_AwsCliWithTheLocalKeyIdButAnotherSecret_Refused403()
    {
        var key = await UploadAsync("refused.png", 42, "image/png");

        var (exitCode, _, error) = await AwsCli.RunAsync(server.Credentials.AccessKeyId, "not-the-secret",
            "s3api", "head-object", "--bucket", LocalS3Server.Bucket, "--key", key,
            "--endpoint-url", server.ServiceUrl, "--region", "us-east-1");

        exitCode.ShouldNotBe(0);
        error.ShouldContain("403");
    }

    [AwsCliFact]
    public async Task HeadObject_AwsCliMissingKey_NotFound()
    {
        var (exitCode, _, error) = await AwsCli.RunAsync("AKIAANYTHING", "anything",
            "s3api", "head-object", "--bucket", LocalS3Server.Bucket, "--key", "uploads/none/" + Guid.NewGuid().ToString("N"),
            "--endpoint-url", server.ServiceUrl, "--region", "us-east-1");

        exitCode.ShouldNotBe(0);
        error.ShouldContain("404");
    }

    [AwsCliFact]
    public async Task PutObject_AwsCliWithTheLocalKey_StoredAndObjectCreatedEmitted()
    {
        var key = $"uploads/{Guid.NewGuid():N}/from cli.txt";
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "bytes from the AWS CLI");
        try
        {
            var (exitCode, output, error) = await AwsCli.RunAsync(server.Credentials.AccessKeyId, server.Credentials.SecretAccessKey,
                "s3api", "put-object", "--bucket", LocalS3Server.Bucket, "--key", key, "--body", file, "--content-type", "text/plain",
                "--endpoint-url", server.ServiceUrl, "--region", "us-east-1");

            exitCode.ShouldBe(0, error);
            JsonDocument.Parse(output).RootElement.GetProperty("ETag").GetString().ShouldStartWith("\"");
        }
        finally
        {
            File.Delete(file);
        }
        using var s3 = server.CreateClient();
        using var stored = await s3.GetObjectAsync(LocalS3Server.Bucket, key);
        using var reader = new StreamReader(stored.ResponseStream);
        (await reader.ReadToEndAsync()).ShouldBe("bytes from the AWS CLI");
        (await server.Lambda.WaitForAsync(key, 1)).ShouldHaveSingleItem();
    }

    [AwsCliFact]
    public async Task Ls_AwsCliRecursive_ListsEachKeyWithItsSize()
    {
        var key = await UploadAsync("listed by cli+1.png", 17, "image/png");
        var folder = key[..(key.LastIndexOf('/') + 1)];

        var (exitCode, output, error) = await AwsCli.RunAsync(server.Credentials.AccessKeyId, server.Credentials.SecretAccessKey,
            "s3", "ls", $"s3://{LocalS3Server.Bucket}/{folder}", "--recursive",
            "--endpoint-url", server.ServiceUrl, "--region", "us-east-1");

        exitCode.ShouldBe(0, error);
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem();
        line.ShouldEndWith(" 17 " + key);
    }

    [AwsCliFact]
    public async Task ListObjectsV2_AwsCliWithDelimiter_FoldersAsCommonPrefixes()
    {
        var first = await UploadAsync("one.png", 1, "image/png");
        var folder = first[..(first.LastIndexOf('/') + 1)];

        var (exitCode, output, error) = await AwsCli.RunAsync("AKIAANYTHING", "anything",
            "s3api", "list-objects-v2", "--bucket", LocalS3Server.Bucket, "--prefix", "uploads/", "--delimiter", "/",
            "--endpoint-url", server.ServiceUrl, "--region", "us-east-1");

        exitCode.ShouldBe(0, error);
        var prefixes = JsonDocument.Parse(output).RootElement.GetProperty("CommonPrefixes").EnumerateArray()
            .Select(p => p.GetProperty("Prefix").GetString()).ToList();
        prefixes.ShouldContain(folder);
    }

    [AwsCliFact]
    public async Task GetBucketLocation_AwsCli_NullConstraintForUsEast1()
    {
        var (exitCode, output, error) = await AwsCli.RunAsync("AKIAANYTHING", "anything",
            "s3api", "get-bucket-location", "--bucket", LocalS3Server.Bucket,
            "--endpoint-url", server.ServiceUrl, "--region", "us-east-1");

        exitCode.ShouldBe(0, error);
        JsonDocument.Parse(output).RootElement.GetProperty("LocationConstraint").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private async Task<string> UploadAsync(string fileName, int size, string contentType)
    {
        var key = $"uploads/{Guid.NewGuid():N}/{fileName}";
        using var s3 = server.CreateClient();
        var url = s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = LocalS3Server.Bucket,
            Key = key,
            Verb = HttpVerb.PUT,
            ContentType = contentType,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Protocol = Protocol.HTTP,
        });
        using var http = new HttpClient();
        using var content = new ByteArrayContent(new byte[size]);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        (await http.PutAsync(new Uri(url), content)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return key;
    }
}
