using System.Net;
using System.Net.Sockets;
using ImageLabelsLive.LocalAws.Networking;

namespace ImageLabelsLive.LocalAws.Tests.Networking;

public sealed class LoopbackPortsTests
{
    [Fact]
    public void FindFree_ThisMachine_ReturnsAPortBelowTheEphemeralRangeThatAListenerCanTake()
    {
        var port = LoopbackPorts.FindFree();

        port.ShouldBeLessThan(LoopbackPorts.EphemeralLow());
        port.ShouldBeGreaterThanOrEqualTo(1024);
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
    }

    [Fact]
    public void FindFree_OnePortOfTwoTaken_ReturnsTheOther()
    {
        var (taken, other) = TwoFreeNeighbours();
        using var listener = new TcpListener(IPAddress.Loopback, taken);
        listener.Start();

        Enumerable.Range(0, 20).Select(_ => LoopbackPorts.FindFree((Math.Min(taken, other), Math.Max(taken, other)))).ShouldAllBe(port => port == other);
    }

    [Fact]
    public void FindFree_EveryPortTaken_SaysWhichRange()
    {
        var port = LoopbackPorts.FindFree();
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();

        Should.Throw<InvalidOperationException>(() => LoopbackPorts.FindFree((port, port))).Message.ShouldContain($"between {port} and {port}");
    }

    [Theory]
    [InlineData(32768, 20768, 32767)]
    [InlineData(49152, 37152, 49151)]
    [InlineData(1024, 1024, 2024)]
    public void CandidateRange_EphemeralStart_IsTheSpanJustBelowItAndNeverBelow1024(int ephemeralLow, int low, int high) =>
        LoopbackPorts.CandidateRange(ephemeralLow).ShouldBe((low, high));

    private static (int Taken, int Other) TwoFreeNeighbours()
    {
        while (true)
        {
            var port = LoopbackPorts.FindFree();
            try
            {
                return (port, LoopbackPorts.FindFree((port + 1, port + 1)));
            }
            catch (InvalidOperationException)
            {
                // The neighbour is taken; try elsewhere.
            }
        }
    }
}
