using ImageLabelsLive.Aws.Configuration;

namespace ImageLabelsLive.Aws.Tests.Adapters;

public class FunctionSettingsTests
{
    private static FunctionSettings From(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(variable => variable.Name, variable => variable.Value, StringComparer.Ordinal);
        return FunctionSettings.From(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void From_NothingSet_UsesTheDocumentedDefaults()
    {
        var settings = From();

        settings.MinConfidence.ShouldBe(70f);
        settings.MaxLabels.ShouldBe(10);
        settings.UploadUrlLifetime.ShouldBe(TimeSpan.FromSeconds(300));
        settings.PushConcurrency.ShouldBe(32);
        settings.ImagesTable.ShouldBeNull();
        settings.ConnectionsTable.ShouldBeNull();
        settings.UploadBucket.ShouldBeNull();
        settings.TopicArn.ShouldBeNull();
        settings.ConnectionsEndpoint.ShouldBeNull();
        settings.SiteUrl.ShouldBeNull();
        settings.S3Endpoint.ShouldBeNull();
        settings.DynamoDbEndpoint.ShouldBeNull();
        settings.RekognitionEndpoint.ShouldBeNull();
        settings.SnsEndpoint.ShouldBeNull();
    }

    [Fact]
    public void From_EverythingSet_ReadsEachVariable()
    {
        var settings = From(
            ("IMAGES_TABLE", "ill-images"),
            ("CONNECTIONS_TABLE", "ill-connections"),
            ("UPLOAD_BUCKET", " ill-uploads "),
            ("TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:ill-results"),
            ("CONNECTIONS_ENDPOINT", "https://abc123.execute-api.eu-west-1.amazonaws.com/prod"),
            ("SITE_URL", "https://d111111abcdef8.cloudfront.net/"),
            ("MIN_CONFIDENCE", "30.5"),
            ("MAX_LABELS", "25"),
            ("UPLOAD_URL_TTL_SECONDS", "120"),
            ("PUSH_CONCURRENCY", "8"),
            ("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:8080/s3"),
            ("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:4567"),
            ("AWS_ENDPOINT_URL_REKOGNITION", "http://127.0.0.1:4568"),
            ("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:8080/sns"));

        settings.ImagesTable.ShouldBe("ill-images");
        settings.ConnectionsTable.ShouldBe("ill-connections");
        settings.UploadBucket.ShouldBe("ill-uploads");
        settings.TopicArn.ShouldBe("arn:aws:sns:eu-west-1:123456789012:ill-results");
        settings.ConnectionsEndpoint.ShouldBe(new Uri("https://abc123.execute-api.eu-west-1.amazonaws.com/prod"));
        settings.SiteUrl.ShouldBe(new Uri("https://d111111abcdef8.cloudfront.net/"));
        settings.MinConfidence.ShouldBe(30.5f);
        settings.MaxLabels.ShouldBe(25);
        settings.UploadUrlLifetime.ShouldBe(TimeSpan.FromMinutes(2));
        settings.PushConcurrency.ShouldBe(8);
        settings.S3Endpoint.ShouldBe(new Uri("http://127.0.0.1:8080/s3"));
        settings.DynamoDbEndpoint.ShouldBe(new Uri("http://127.0.0.1:4567"));
        settings.RekognitionEndpoint.ShouldBe(new Uri("http://127.0.0.1:4568"));
        settings.SnsEndpoint.ShouldBe(new Uri("http://127.0.0.1:8080/sns"));
    }

    [Theory]
    [InlineData("MIN_CONFIDENCE", "")]
    [InlineData("MAX_LABELS", "   ")]
    [InlineData("SITE_URL", "")]
    public void From_EmptyVariable_CountsAsUnset(string name, string value)
    {
        var settings = From((name, value));

        settings.ShouldBe(From());
    }

    [Theory]
    [InlineData("MIN_CONFIDENCE", "abc")]
    [InlineData("MIN_CONFIDENCE", "101")]
    [InlineData("MIN_CONFIDENCE", "-1")]
    [InlineData("MIN_CONFIDENCE", "NaN")]
    [InlineData("MIN_CONFIDENCE", "70,5")]
    [InlineData("MAX_LABELS", "ten")]
    [InlineData("MAX_LABELS", "0")]
    [InlineData("MAX_LABELS", "1001")]
    [InlineData("MAX_LABELS", "2.5")]
    [InlineData("UPLOAD_URL_TTL_SECONDS", "0")]
    [InlineData("UPLOAD_URL_TTL_SECONDS", "5m")]
    [InlineData("UPLOAD_URL_TTL_SECONDS", "604801")]
    [InlineData("PUSH_CONCURRENCY", "0")]
    [InlineData("PUSH_CONCURRENCY", "1025")]
    [InlineData("PUSH_CONCURRENCY", "99999999999")]
    public void From_BadNumber_FailsNamingTheVariableAndTheValue(string name, string value)
    {
        var error = Should.Throw<InvalidOperationException>(() => From((name, value)));

        error.Message.ShouldContain(name);
        error.Message.ShouldContain($"'{value}'");
    }

    [Theory]
    [InlineData("CONNECTIONS_ENDPOINT", "not a url")]
    [InlineData("CONNECTIONS_ENDPOINT", "/prod")]
    [InlineData("SITE_URL", "example.com/app")]
    [InlineData("SITE_URL", "ftp://example.com/")]
    [InlineData("AWS_ENDPOINT_URL_S3", "localhost:9000")]
    [InlineData("AWS_ENDPOINT_URL_DYNAMODB", "127.0.0.1:4567")]
    [InlineData("AWS_ENDPOINT_URL_REKOGNITION", "file:///tmp/detector")]
    [InlineData("AWS_ENDPOINT_URL_SNS", "sns")]
    public void From_BadUrl_FailsNamingTheVariableAndTheValue(string name, string value)
    {
        var error = Should.Throw<InvalidOperationException>(() => From((name, value)));

        error.Message.ShouldContain(name);
        error.Message.ShouldContain($"'{value}'");
    }

    [Fact]
    public void Require_MissingSetting_FailsNamingTheVariable()
    {
        var settings = From();

        Should.Throw<InvalidOperationException>(() => FunctionSettings.Require(settings.TopicArn, "TOPIC_ARN")).Message.ShouldContain("TOPIC_ARN");
        FunctionSettings.Require(From(("TOPIC_ARN", "arn:x")).TopicArn, "TOPIC_ARN").ShouldBe("arn:x");
    }
}
