using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ImageLabelsLive.LocalAws.Networking;

/// <summary>
/// Ports on 127.0.0.1 for listeners started a moment later (the sidecars, a host under test). They are taken from
/// just below the kernel's ephemeral range: a port from bind(0) is an ephemeral one, so any outgoing connection may
/// take it as its local port between the probe and the listener's own bind, and the listener dies of EADDRINUSE. A
/// CI run with thousands of test connections open lost a maildev that way.
/// </summary>
public static class LoopbackPorts
{
    /// <summary>How many ports below the ephemeral range are candidates.</summary>
    public const int SpanBelowEphemeral = 12_000;

    private const int Attempts = 200;

    /// <summary>A port of 127.0.0.1 below the ephemeral range that nothing listened on a moment ago.</summary>
    public static int FindFree() => FindFree(CandidateRange(EphemeralLow()));

    /// <summary>A port between <paramref name="range"/>'s ends (inclusive) that nothing listened on a moment ago.</summary>
    internal static int FindFree((int Low, int High) range)
    {
        var (low, high) = range;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var candidate = Random.Shared.Next(low, high + 1);
            if (IsFree(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"No free port on 127.0.0.1 between {low} and {high} after {Attempts} tries.");
    }

    /// <summary>The candidates for an ephemeral range starting at <paramref name="ephemeralLow"/>: never below 1024.</summary>
    public static (int Low, int High) CandidateRange(int ephemeralLow)
    {
        var high = Math.Max(ephemeralLow - 1, 1024 + 1000);
        return (Math.Max(high - SpanBelowEphemeral + 1, 1024), high);
    }

    /// <summary>The first ephemeral port: Linux says in /proc; elsewhere the IANA range's start, 49152.</summary>
    public static int EphemeralLow()
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(RangeFile))
        {
            var first = File.ReadAllText(RangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var low))
            {
                return low;
            }
        }
        return 49152;
    }

    private static bool IsFree(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            probe.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
