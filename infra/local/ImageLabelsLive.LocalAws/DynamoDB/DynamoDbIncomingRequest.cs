using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>What the endpoint reads of a client's request: its body (within DynamoDB's size limit), operation and table.</summary>
internal static class DynamoDbIncomingRequest
{
    /// <summary>DynamoDB's own request size limit; dynalite enforces the same.</summary>
    private const int MaxRequestBytes = 16 * 1024 * 1024;

    /// <summary>The whole body, or null when it is over the limit.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxRequestBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxRequestBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The operation named by X-Amz-Target (PutItem, …), or null when it names none.</summary>
    public static string? Operation(HttpRequest request)
    {
        var target = request.Headers["X-Amz-Target"].ToString();
        return target.StartsWith(DynaliteClient.TargetPrefix, StringComparison.Ordinal) ? target[DynaliteClient.TargetPrefix.Length..] : null;
    }

    public static string? TableNameOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return TableNameOf(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? TableNameOf(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("TableName", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;
}
