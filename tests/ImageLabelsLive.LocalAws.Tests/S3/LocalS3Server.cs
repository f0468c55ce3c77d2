using Amazon.Runtime;
using Amazon.S3;
using ImageLabelsLive.LocalAws.Lambda;
using ImageLabelsLive.LocalAws.S3;
using ImageLabelsLive.LocalAws.Signing;
using ImageLabelsLive.LocalAws.Tests.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ImageLabelsLive.LocalAws.Tests.S3;

/// <summary>A real Kestrel on 127.0.0.1 serving the local S3 under /local/s3, with a recording fake Lambda behind it.</summary>
public sealed class LocalS3Server : IAsyncLifetime
{
    public const string Bucket = "imagelabelslive-uploads";
    public const string PathPrefix = "/local/s3";

    private WebApplication? app;

    public SigV4KeyPair Credentials { get; } = new("AKIALOCALS3TEST", "s3-test-secret/" + Guid.NewGuid().ToString("N"));

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "ill-local-s3-" + Guid.NewGuid().ToString("N"));

    internal RecordingLambdaInvoker Lambda { get; } = new();

    /// <summary>Every log record the stand-in wrote.</summary>
    internal FakeLoggerProvider Logs { get; } = new();

    internal AdjustableTimeProvider Clock { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public string ServiceUrl => BaseUrl.GetLeftPart(UriPartial.Authority) + PathPrefix;

    internal LocalS3Service Service => app!.Services.GetRequiredService<LocalS3Service>();

    internal S3EventNotifier Notifier => app!.Services.GetRequiredService<S3EventNotifier>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddSingleton<ILambdaInvoker>(Lambda);
        builder.Services.AddLocalS3(new LocalS3Options
        {
            DataDirectory = DataDirectory,
            Buckets = [Bucket],
            Credentials = Credentials,
            NotificationFunction = "ProcessImage",
            NotificationRetryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)],
        });
        app = builder.Build();
        app.MapLocalS3(PathPrefix);
        await app.StartAsync();
        BaseUrl = new Uri(app.Urls.Single());
    }

    /// <summary>An S3 client as the app configures one locally; signed with the local key unless told otherwise.</summary>
    public AmazonS3Client CreateClient(SigV4KeyPair? credentials = null)
    {
        var key = credentials ?? Credentials;
        return new AmazonS3Client(new BasicAWSCredentials(key.AccessKeyId, key.SecretAccessKey), new AmazonS3Config
        {
            ServiceURL = ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        Lambda.Dispose();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
