using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>One photo to upload: its file name, media type and bytes.</summary>
internal sealed record Photo(string FileName, string ContentType, byte[] Bytes)
{
    /// <summary>The photos in ../shared/images, in name order, or none when ../shared is absent.</summary>
    public static IReadOnlyList<Photo> Load(string? sharedDirectory)
    {
        var folder = sharedDirectory is null ? null : Path.Combine(sharedDirectory, "images");
        if (folder is null || !Directory.Exists(folder))
        {
            return [];
        }
        return [.. Directory.GetFiles(folder)
            .Where(file => file.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(file => new Photo(Path.GetFileName(file), file.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "image/png" : "image/jpeg", File.ReadAllBytes(file)))];
    }

    public const string MissingReason = "../shared/images was not found (set ILL_SHARED_DIR to the shared folder); this scenario uploads those photos.";

    private static int unique;

    /// <summary>
    /// The photo with a few bytes after its end (JPEG's EOI, PNG's IEND) that no other call carries: the detector
    /// shares an analysis among the calls for the same bytes, and real uploads are different photos.
    /// </summary>
    public Photo Unique() =>
        this with { Bytes = [.. Bytes, .. System.Text.Encoding.ASCII.GetBytes($"ill-bench-{Interlocked.Increment(ref unique)}")] };
}

/// <summary>What one upload returned, with when its steps finished (Stopwatch timestamps).</summary>
internal sealed record Upload(string ImageId, long StartedAt, long CreatedAt, long PutAt);

/// <summary>The web API as the page uses it: POST /api/uploads, PUT the bytes to the presigned URL, GET /api/images/{id}.</summary>
internal sealed class AppClient(Uri baseUri) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(120) };

    public static string NewFeedId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async Task<Upload> UploadAsync(string feedId, Photo photo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var started = Stopwatch.GetTimestamp();
        using var created = await http.PostAsJsonAsync(
            new Uri("api/uploads", UriKind.Relative),
            new Dictionary<string, object> { ["feedId"] = feedId, ["fileName"] = photo.FileName, ["contentType"] = photo.ContentType, ["size"] = photo.Bytes.Length },
            cancellationToken).ConfigureAwait(false);
        var answer = await created.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false);
        if (created.StatusCode != HttpStatusCode.Created || answer is null)
        {
            throw new InvalidOperationException($"POST /api/uploads answered {(int)created.StatusCode}: {answer?.ToJsonString()}");
        }
        var createdAt = Stopwatch.GetTimestamp();
        var imageId = answer["imageId"]!.GetValue<string>();
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(answer["uploadUrl"]!.GetValue<string>(), UriKind.Absolute)) { Content = new ByteArrayContent(photo.Bytes) };
        foreach (var (name, value) in answer["uploadHeaders"]?.AsObject() ?? [])
        {
            if (!put.Headers.TryAddWithoutValidation(name, value!.GetValue<string>()))
            {
                put.Content.Headers.TryAddWithoutValidation(name, value.GetValue<string>());
            }
        }
        using var stored = await http.SendAsync(put, cancellationToken).ConfigureAwait(false);
        if (!stored.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT of {photo.FileName} answered {(int)stored.StatusCode}: {await stored.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }
        return new Upload(imageId, started, createdAt, Stopwatch.GetTimestamp());
    }

    /// <summary>GET /api/images/{id}: the record, or null on 404.</summary>
    public async Task<JsonObject?> GetImageAsync(string imageId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("api/images/" + imageId, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false);
    }

    public static bool IsFinal(string? status) => status is "labeled" or "failed";

    public void Dispose() => http.Dispose();
}

/// <summary>Reads the pushed {"type":"image","image":{…}} messages a tab receives.</summary>
internal static class PushMessages
{
    public static (string? ImageId, string? Status) Read(ReadOnlySpan<byte> message)
    {
        try
        {
            var reader = new Utf8JsonReader(message);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("image", out var image) || image.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }
            return (image.TryGetProperty("imageId", out var id) ? id.GetString() : null, image.TryGetProperty("status", out var status) ? status.GetString() : null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
