using System.Text;
using ImageLabelsLive.Functions.Catalog;
using ImageLabelsLive.LocalHost.Lambda;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Xunit;

namespace ImageLabelsLive.LocalHost.Tests;

public sealed class InProcessLambdaInvokerTests
{
    [Fact]
    public async Task InvokeAsync_MoreCallsThanTheLimit_RunsAtMostTheLimitAtOnceAndAnswersEveryCall()
    {
        var probe = new ConcurrencyProbe();
        var invoker = new InProcessLambdaInvoker([probe.Definition(reservedConcurrency: null)], concurrencyLimit: 3, NullLogger.Instance);

        var calls = Enumerable.Range(0, 10).Select(i => invoker.InvokeAsync("Probe", Encoding.UTF8.GetBytes($"call {i}"), CancellationToken.None)).ToArray();
        await probe.WaitUntilRunningAsync(3);
        await Task.Delay(200); // Room for a fourth to start, were the limit not kept.
        probe.Running.ShouldBe(3);
        probe.Release();

        (await Task.WhenAll(calls)).Select(Encoding.UTF8.GetString).ShouldBe(Enumerable.Range(0, 10).Select(i => $"call {i}"), ignoreOrder: true);
        probe.MostAtOnce.ShouldBe(3);
    }

    [Fact]
    public async Task InvokeAsync_ReservedConcurrencyBelowTheLimit_RunsOneAtATime()
    {
        var probe = new ConcurrencyProbe();
        var invoker = new InProcessLambdaInvoker([probe.Definition(reservedConcurrency: 1)], concurrencyLimit: 3, NullLogger.Instance);

        var calls = Enumerable.Range(0, 4).Select(_ => invoker.InvokeAsync("Probe", [], CancellationToken.None)).ToArray();
        await probe.WaitUntilRunningAsync(1);
        await Task.Delay(200);
        probe.Running.ShouldBe(1);
        probe.Release();

        await Task.WhenAll(calls);
        probe.MostAtOnce.ShouldBe(1);
    }

    [Fact]
    public async Task InvokeAsync_UnknownName_SaysWhichName()
    {
        var invoker = new InProcessLambdaInvoker([], concurrencyLimit: 3, NullLogger.Instance);

        (await Should.ThrowAsync<ArgumentException>(() => invoker.InvokeAsync("Nope", [], CancellationToken.None))).Message.ShouldContain("'Nope'");
    }

    /// <summary>A function that echoes its event once released, counting how many of it run at once.</summary>
    private sealed class ConcurrencyProbe
    {
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock gate = new();
        private int running;
        private int mostAtOnce;

        public int Running
        {
            get
            {
                lock (gate)
                {
                    return running;
                }
            }
        }

        public int MostAtOnce
        {
            get
            {
                lock (gate)
                {
                    return mostAtOnce;
                }
            }
        }

        public void Release() => released.TrySetResult();

        public async Task WaitUntilRunningAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Running < count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }
            Running.ShouldBe(count);
        }

        public FunctionDefinition Definition(int? reservedConcurrency) => new()
        {
            Name = "Probe",
            Description = "echoes its event",
            MemorySize = 128,
            TimeoutSeconds = 3,
            Trigger = new ScheduledRun(TimeSpan.FromMinutes(5)),
            Settings = [],
            Access = [],
            Handler = "Probe::Probe::HandleAsync",
            ReservedConcurrency = reservedConcurrency,
            Create = () => EchoAsync,
        };

        private async Task<Stream> EchoAsync(Stream input)
        {
            lock (gate)
            {
                running++;
                mostAtOnce = Math.Max(mostAtOnce, running);
            }
            try
            {
                await released.Task;
                var echo = new MemoryStream();
                await input.CopyToAsync(echo);
                echo.Position = 0;
                return echo;
            }
            finally
            {
                lock (gate)
                {
                    running--;
                }
            }
        }
    }
}
