using ImageLabelsLive.LocalAws.SimpleNotificationService;
using ImageLabelsLive.LocalAws.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.Tests.SimpleNotificationService;

/// <summary>A real Kestrel on 127.0.0.1 serving the local SNS under /local/sns, mailing a fake SMTP server (netDumbster).</summary>
public sealed class LocalSnsServer : IAsyncLifetime
{
    public const string TopicArn = "arn:aws:sns:us-east-1:000000000000:image-results";
    public const string PathPrefix = "/local/sns";
    public static readonly string[] Recipients = ["first@imagelabels.local", "second@imagelabels.local"];

    private WebApplication? app;

    public SigV4KeyPair Credentials { get; } = new("AKIALOCALSNSTEST", "sns-test-secret/" + Guid.NewGuid().ToString("N"));

    internal SmtpMailbox Smtp { get; } = new();

    public string ServiceUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        (app, ServiceUrl) = await StartAsync(Credentials, Smtp.Port);
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        Smtp.Dispose();
    }

    /// <summary>Starts a local SNS that mails <paramref name="smtpPort"/>; returns it and its endpoint URL.</summary>
    internal static async Task<(WebApplication App, string ServiceUrl)> StartAsync(SigV4KeyPair credentials, int smtpPort)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddLocalSns(new LocalSnsOptions
        {
            TopicArns = [TopicArn],
            Credentials = credentials,
            SmtpPort = smtpPort,
            Recipients = Recipients,
            SmtpTimeout = TimeSpan.FromSeconds(5),
        });
        var app = builder.Build();
        app.MapLocalSns(PathPrefix);
        await app.StartAsync();
        return (app, new Uri(app.Urls.Single()).GetLeftPart(UriPartial.Authority) + PathPrefix);
    }
}
