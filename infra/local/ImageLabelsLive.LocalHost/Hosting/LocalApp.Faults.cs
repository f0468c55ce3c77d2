using ImageLabelsLive.LocalAws.ApiGateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalHost.Hosting;

/// <summary>The fault-injection hooks (see <see cref="FaultInjection"/>): start-up faults, the report, and the control endpoints.</summary>
public sealed partial class LocalApp
{
    private void MapFaultInjection(WebApplication web)
    {
        var faults = settings.Faults;
        if (faults.Describe() is { Count: > 0 } hooks)
        {
            Logger.LogWarning("Fault injection is on: {Hooks}", string.Join("; ", hooks));
        }
        var managementApi = web.Services.GetRequiredService<ManagementApiFaults>();
        var webSocket = web.Services.GetRequiredService<WebSocketFaults>();
        foreach (var fault in faults.ManagementApiFaults)
        {
            managementApi.Add(fault);
        }
        web.MapGet("/local/faults", () => Results.Json(FaultReport(managementApi, webSocket), LocalHostJson.Default.FaultReport));
        if (!faults.ControlApi)
        {
            return;
        }
        web.MapPost("/local/faults/management-api", async (HttpContext context) =>
        {
            var request = await ReadAsync(context, LocalHostJson.Default.ManagementApiFaultRequest).ConfigureAwait(false);
            if (request is null || !ManagementApiFault.IsSupportedStatus(request.Status) || request.Count < 1)
            {
                return Results.BadRequest(new Dictionary<string, string> { ["message"] = "Send {\"status\": 429 or 500–599, \"count\": 1 or more, \"connectionId\": optional}." });
            }
            managementApi.Add(new ManagementApiFault(request.Status, request.Count, request.ConnectionId));
            Logger.LogWarning("Fault injection: the next {Count} posts to {Connection} answer {Status}", request.Count, request.ConnectionId ?? "any connection", request.Status);
            return Results.Json(FaultReport(managementApi, webSocket), LocalHostJson.Default.FaultReport);
        });
        web.MapPost("/local/faults/websocket", async (HttpContext context) =>
        {
            var request = await ReadAsync(context, LocalHostJson.Default.WebSocketFaultRequest).ConfigureAwait(false);
            if (request is null || request.OpenDelayMs is < 0 or > 60_000)
            {
                return Results.BadRequest(new Dictionary<string, string> { ["message"] = "Send {\"openDelayMs\": 0 to 60000}." });
            }
            webSocket.OpenDelay = TimeSpan.FromMilliseconds(request.OpenDelayMs);
            Logger.LogWarning("Fault injection: sockets open {Delay} ms after their $connect", request.OpenDelayMs);
            return Results.Json(FaultReport(managementApi, webSocket), LocalHostJson.Default.FaultReport);
        });
        web.MapPost("/local/faults/sidecars/{name}/down", async (string name, HttpContext context) =>
        {
            var sidecar = sidecars.FirstOrDefault(candidate => candidate.Spec.Name == name);
            var request = await ReadAsync(context, LocalHostJson.Default.SidecarDownRequest).ConfigureAwait(false);
            if (sidecar is null || request is null || request.Seconds is < 0 or > 600)
            {
                return Results.BadRequest(new Dictionary<string, string> { ["message"] = $"Name one of {string.Join(", ", sidecars.Select(s => s.Spec.Name))} and send {{\"seconds\": 0 to 600}}." });
            }
            sidecar.HoldDown(TimeSpan.FromSeconds(request.Seconds));
            return Results.Json(FaultReport(managementApi, webSocket), LocalHostJson.Default.FaultReport);
        });
    }

    private FaultReport FaultReport(ManagementApiFaults managementApi, WebSocketFaults webSocket) => new(
        settings.Faults.S3EventDeliveries,
        settings.Faults.StreamDuplicateDeliveries,
        settings.Faults.WebSocketKeepAlive.TotalSeconds,
        settings.Faults.ControlApi,
        managementApi.Remaining,
        managementApi.Served,
        webSocket.OpenDelay.TotalMilliseconds,
        sidecars.Where(sidecar => sidecar.HeldDownUntil is not null)
            .ToDictionary(sidecar => sidecar.Spec.Name, sidecar => sidecar.HeldDownUntil!.Value.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal));

    private static async Task<T?> ReadAsync<T>(HttpContext context, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return await context.Request.ReadFromJsonAsync(type, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
