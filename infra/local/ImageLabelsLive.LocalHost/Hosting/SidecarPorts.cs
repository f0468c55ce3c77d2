using ImageLabelsLive.LocalAws.Networking;

namespace ImageLabelsLive.LocalHost.Hosting;

/// <summary>Free ports for the sidecars, each distinct; the host's own port is the user's.</summary>
public sealed record SidecarPorts(int Dynalite, int Smtp, int MailboxWeb, int Detector)
{
    public static SidecarPorts Allocate()
    {
        var ports = new List<int>();
        while (ports.Count < 4)
        {
            // Nothing listens on a port until its sidecar starts, so the search may offer the same one twice.
            var port = LoopbackPorts.FindFree();
            if (!ports.Contains(port))
            {
                ports.Add(port);
            }
        }
        return new(ports[0], ports[1], ports[2], ports[3]);
    }
}
