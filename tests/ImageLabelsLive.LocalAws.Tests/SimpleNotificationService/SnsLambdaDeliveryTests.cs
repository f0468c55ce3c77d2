using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using System.Xml.Linq;
using ImageLabelsLive.LocalAws.Lambda;
using ImageLabelsLive.LocalAws.SimpleNotificationService;
using ImageLabelsLive.LocalAws.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.Tests.SimpleNotificationService;

/// <summary>A Lambda-protocol subscription of the local SNS: Publish invokes the function with SNS's Lambda event, asynchronously.</summary>
public sealed class SnsLambdaDeliveryTests : IAsyncLifetime
{
    private const string ShardTopic = "arn:aws:sns:us-east-1:000000000000:push-shards";
    private static readonly XNamespace Sns = "http://sns.amazonaws.com/doc/2010-03-31/";
    private readonly ChannelInvoker invoker = new();
    private WebApplication? app;
    private string serviceUrl = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ILambdaInvoker>(invoker);
        builder.Services.AddLocalSns(new LocalSnsOptions
        {
            TopicArns = [LocalSnsServer.TopicArn],
            LambdaSubscriptions = [new SnsLambdaSubscription(ShardTopic, "PushShard")],
            Credentials = new SigV4KeyPair("AKIALOCALSNSTEST", "sns-lambda-test-secret"),
            // No email goes out in these tests: the shard topic has only its Lambda subscription.
            SmtpPort = 1,
        });
        app = builder.Build();
        app.MapLocalSns("/local/sns");
        await app.StartAsync();
        serviceUrl = new Uri(app.Urls.Single()).GetLeftPart(UriPartial.Authority) + "/local/sns";
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Publish_TopicWithLambdaSubscription_InvokesTheFunctionWithAnSnsEvent()
    {
        var messageId = await PublishAsync("{\"shard\":1}");

        var (function, payload) = await invoker.NextAsync();

        function.ShouldBe("PushShard");
        using var lambdaEvent = JsonDocument.Parse(payload);
        var record = lambdaEvent.RootElement.GetProperty("Records").EnumerateArray().ShouldHaveSingleItem();
        record.GetProperty("EventSource").GetString().ShouldBe("aws:sns");
        record.GetProperty("EventVersion").GetString().ShouldBe("1.0");
        record.GetProperty("EventSubscriptionArn").GetString().ShouldStartWith(ShardTopic + ":");
        var sns = record.GetProperty("Sns");
        sns.GetProperty("Type").GetString().ShouldBe("Notification");
        sns.GetProperty("MessageId").GetString().ShouldBe(messageId);
        sns.GetProperty("TopicArn").GetString().ShouldBe(ShardTopic);
        sns.GetProperty("Message").GetString().ShouldBe("{\"shard\":1}");
        sns.GetProperty("MessageAttributes").GetProperty("kind").GetProperty("Type").GetString().ShouldBe("String");
        sns.GetProperty("MessageAttributes").GetProperty("kind").GetProperty("Value").GetString().ShouldBe("shard");
        DateTime.Parse(sns.GetProperty("Timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTime.UnixEpoch);
    }

    [Fact]
    public async Task Publish_FunctionFailsTwice_IsInvokedAThirdTimeAsLambdaRetriesAsyncInvocations()
    {
        invoker.FailuresLeft = 2;

        await PublishAsync("{\"shard\":2}");

        for (var attempt = 0; attempt < 3; attempt++)
        {
            (await invoker.NextAsync()).Function.ShouldBe("PushShard");
        }
        invoker.FailuresLeft.ShouldBe(0);
    }

    [Fact]
    public async Task ListTopics_WithALambdaSubscription_ListsItsTopicToo()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(serviceUrl + "/"), new FormUrlEncodedContent([new("Action", "ListTopics"), new("Version", "2010-03-31")]));

        var arns = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants(Sns + "TopicArn").Select(arn => arn.Value);
        arns.ShouldBe([LocalSnsServer.TopicArn, ShardTopic], ignoreOrder: true);
    }

    [Fact]
    public async Task ListSubscriptionsByTopic_TopicWithLambdaSubscription_ListsTheFunctionUnderTheArnItsEventsCarry()
    {
        await PublishAsync("{\"shard\":3}");
        var delivered = await invoker.NextAsync();
        using var lambdaEvent = JsonDocument.Parse(delivered.Payload);
        var eventSubscriptionArn = lambdaEvent.RootElement.GetProperty("Records")[0].GetProperty("EventSubscriptionArn").GetString();

        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(serviceUrl + "/"), new FormUrlEncodedContent(
            [new("Action", "ListSubscriptionsByTopic"), new("Version", "2010-03-31"), new("TopicArn", ShardTopic)]));

        var member = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants(Sns + "member").ShouldHaveSingleItem();
        member.Element(Sns + "Protocol")!.Value.ShouldBe("lambda");
        member.Element(Sns + "Endpoint")!.Value.ShouldBe("arn:aws:lambda:us-east-1:000000000000:function:PushShard");
        member.Element(Sns + "Owner")!.Value.ShouldBe("000000000000");
        member.Element(Sns + "SubscriptionArn")!.Value.ShouldBe(eventSubscriptionArn);
        eventSubscriptionArn.ShouldBe(new SnsLambdaSubscription(ShardTopic, "PushShard").SubscriptionArn, "the same after a restart");
    }

    private async Task<string> PublishAsync(string message)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(serviceUrl + "/"), new FormUrlEncodedContent(
        [
            new("Action", "Publish"), new("Version", "2010-03-31"), new("TopicArn", ShardTopic), new("Message", message),
            new("MessageAttributes.entry.1.Name", "kind"), new("MessageAttributes.entry.1.Value.DataType", "String"),
            new("MessageAttributes.entry.1.Value.StringValue", "shard"),
        ]));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return XDocument.Parse(body).Root!.Element(Sns + "PublishResult")!.Element(Sns + "MessageId")!.Value;
    }

    private sealed class ChannelInvoker : ILambdaInvoker
    {
        private readonly Channel<(string Function, byte[] Payload)> calls = Channel.CreateUnbounded<(string, byte[])>();
        private int failuresLeft;

        public int FailuresLeft
        {
            get => Volatile.Read(ref failuresLeft);
            set => Volatile.Write(ref failuresLeft, value);
        }

        public async Task<byte[]> InvokeAsync(string functionName, byte[] payload, CancellationToken cancellationToken)
        {
            await calls.Writer.WriteAsync((functionName, payload), cancellationToken);
            if (Interlocked.Decrement(ref failuresLeft) >= 0)
            {
                throw new InvalidOperationException("The function failed.");
            }
            Interlocked.Exchange(ref failuresLeft, 0);
            return "{}"u8.ToArray();
        }

        public async Task<(string Function, byte[] Payload)> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            return await calls.Reader.ReadAsync(timeout.Token);
        }
    }
}
