using System.Net;
using System.Net.Http.Json;
using ImageLabelsLive.LocalAws.ApiGateway;
using ImageLabelsLive.LocalHost.Hosting;
using ImageLabelsLive.Reliability.Tests.RunningStack;

namespace ImageLabelsLive.Reliability.Tests;

/// <summary>The host's fault-injection hooks: read from the environment, all off unless set, and refused when malformed.</summary>
public sealed class FaultInjectionTests
{
    [Fact]
    public void FromEnvironment_NothingSet_EveryHookIsOff()
    {
        var faults = FaultInjection.FromEnvironment(_ => null);

        faults.S3EventDeliveries.ShouldBe(1);
        faults.StreamDuplicateDeliveries.ShouldBe(1);
        faults.ManagementApiFaults.ShouldBeEmpty();
        faults.WebSocketKeepAlive.ShouldBe(TimeSpan.FromSeconds(15));
        faults.ControlApi.ShouldBeFalse();
        faults.Describe().ShouldBeEmpty();
    }

    [Fact]
    public void FromEnvironment_EveryHookSet_ReadsEachAndDescribesThem()
    {
        var environment = new Dictionary<string, string>
        {
            ["ILL_S3_EVENT_DELIVERIES"] = "3",
            ["ILL_STREAM_DUPLICATE_DELIVERIES"] = "2",
            ["ILL_MANAGEMENT_API_FAULTS"] = "429x3, 500x2,503",
            ["ILL_WEBSOCKET_KEEPALIVE_SECONDS"] = "2",
            ["ILL_FAULT_API"] = "1",
        };

        var faults = FaultInjection.FromEnvironment(name => environment.GetValueOrDefault(name));

        faults.S3EventDeliveries.ShouldBe(3);
        faults.StreamDuplicateDeliveries.ShouldBe(2);
        faults.ManagementApiFaults.ShouldBe([new ManagementApiFault(429, 3), new ManagementApiFault(500, 2), new ManagementApiFault(503, 1)]);
        faults.WebSocketKeepAlive.ShouldBe(TimeSpan.FromSeconds(2));
        faults.ControlApi.ShouldBeTrue();
        faults.Describe().Count.ShouldBe(5);
    }

    [Theory]
    [InlineData("ILL_S3_EVENT_DELIVERIES", "0")]
    [InlineData("ILL_S3_EVENT_DELIVERIES", "three")]
    [InlineData("ILL_STREAM_DUPLICATE_DELIVERIES", "11")]
    [InlineData("ILL_MANAGEMENT_API_FAULTS", "404x2")]
    [InlineData("ILL_MANAGEMENT_API_FAULTS", "429x")]
    [InlineData("ILL_MANAGEMENT_API_FAULTS", "429x0")]
    [InlineData("ILL_MANAGEMENT_API_FAULTS", "x3")]
    [InlineData("ILL_WEBSOCKET_KEEPALIVE_SECONDS", "-1")]
    [InlineData("ILL_FAULT_API", "yes")]
    public void FromEnvironment_MalformedValue_ThrowsNamingTheVariable(string name, string value)
    {
        var thrown = Should.Throw<ArgumentException>(() => FaultInjection.FromEnvironment(variable => variable == name ? value : null));

        thrown.Message.ShouldContain(name);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(410)]
    [InlineData(600)]
    public void Add_StatusThatIsNotThrottlingOrServerError_IsRefused(int status)
    {
        var faults = new ManagementApiFaults();

        Should.Throw<ArgumentException>(() => faults.Add(new ManagementApiFault(status, 1)));
        faults.Remaining.ShouldBe(0);
    }
}

/// <summary>On the stack as users run it, no hook is on and the fault control endpoints do not exist.</summary>
[Collection(PlainAppGroup.Name)]
public sealed class HooksOffByDefaultTests(PlainApp stack)
{
    [Fact]
    public async Task LocalFaults_PlainStart_ReportsEveryHookOffAndHasNoControlEndpoints()
    {
        var report = await new StackProbe(stack).FaultsAsync();
        using var managementApi = await stack.Http.PostAsJsonAsync(new Uri(stack.BaseUrl, "local/faults/management-api"), new { status = 429, count = 1 });
        using var sidecar = await stack.Http.PostAsJsonAsync(new Uri(stack.BaseUrl, "local/faults/sidecars/detector/down"), new { seconds = 5 });
        using var webSocket = await stack.Http.PostAsJsonAsync(new Uri(stack.BaseUrl, "local/faults/websocket"), new { openDelayMs = 1000 });

        report.GetProperty("s3EventDeliveries").GetInt32().ShouldBe(1);
        report.GetProperty("streamDuplicateDeliveries").GetInt32().ShouldBe(1);
        report.GetProperty("webSocketKeepAliveSeconds").GetDouble().ShouldBe(15);
        report.GetProperty("controlApi").GetBoolean().ShouldBeFalse();
        report.GetProperty("managementApiFaultsRemaining").GetInt32().ShouldBe(0);
        report.GetProperty("webSocketOpenDelayMs").GetDouble().ShouldBe(0);
        report.GetProperty("sidecarsHeldDownUntil").EnumerateObject().ShouldBeEmpty();
        managementApi.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed);
        sidecar.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed);
        webSocket.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed);
        (await new StackProbe(stack).IsUpAsync("detector")).ShouldBeTrue();
    }
}
