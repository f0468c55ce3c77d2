using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace ImageLabelsLive.CrashDrills.Tests;

/// <summary>The few calls the drills make on the web API and the mailbox.</summary>
public static class StackClient
{
    public static string NewFeedId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static async Task<JsonElement[]> ListAsync(HttpClient http, Uri baseUrl, string feedId)
    {
        var page = await http.GetFromJsonAsync<JsonElement>(new Uri(baseUrl, $"api/feeds/{feedId}/images?limit=100"));
        return page.GetProperty("images").EnumerateArray().ToArray();
    }

    public static async Task<IReadOnlyList<string>> SubjectsAsync(HttpClient http, Uri baseUrl)
    {
        var config = await http.GetFromJsonAsync<JsonElement>(new Uri(baseUrl, "config.json"));
        var mailbox = new Uri(config.GetProperty("mailboxUrl").GetString()!);
        var emails = await http.GetFromJsonAsync<JsonElement[]>(new Uri(mailbox, "email"));
        return emails!.Select(e => e.GetProperty("subject").GetString() ?? "").ToArray();
    }

    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > within)
            {
                return false;
            }
            await Task.Delay(100);
        }
        return true;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
