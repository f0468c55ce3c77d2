using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>The HTTP connection to dynalite: forwards clients' requests and makes the endpoint's own calls.</summary>
internal sealed class DynaliteClient : IDisposable
{
    public const string TargetPrefix = "DynamoDB_20120810.";

    private readonly HttpClient _http;
    private readonly LocalDynamoDbOptions _options;

    public DynaliteClient(LocalDynamoDbOptions options)
    {
        _options = options;
        _http = new HttpClient(new SocketsHttpHandler
        {
            // Pass bodies through byte for byte (x-amz-crc32 covers them) and never via a machine-wide proxy.
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        {
            BaseAddress = options.DynaliteUrl,
            Timeout = options.DynaliteTimeout,
        };
    }

    public Uri BaseAddress => _options.DynaliteUrl;

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);

    /// <summary>Calls one DynamoDB operation on dynalite with a JSON body.</summary>
    private async Task<DynaliteResult> CallAsync(string operation, string jsonBody, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Content = new StringContent(jsonBody);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", TargetPrefix + operation);
        AddPlaceholderAuthorization(request);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new DynaliteResult(response.StatusCode, ParseOrUndefined(bytes));
    }

    /// <summary>
    /// Reads one item, strongly consistent, as DynamoDB JSON: the form the stream records keep it in. When dynalite
    /// did not answer with an item or its absence, Failure says what it answered.
    /// </summary>
    public async Task<(ItemRead Read, string? Failure)> GetItemAsync(string tableName, IReadOnlyDictionary<string, JsonElement> key, CancellationToken cancellationToken)
    {
        var result = await CallAsync(
            "GetItem",
            JsonSerializer.Serialize(new GetItemRequest(tableName, key, ConsistentRead: true), DynamoDbJsonContext.Default.GetItemRequest),
            cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess || result.Body.ValueKind != JsonValueKind.Object)
        {
            return (ItemRead.Failed, result.Describe());
        }
        // The body is already a clone, so its members outlive the document.
        var item = result.Body.TryGetProperty("Item", out var found)
            ? found.EnumerateObject().ToDictionary(attribute => attribute.Name, attribute => attribute.Value, StringComparer.Ordinal)
            : null;
        return (new ItemRead(true, item), null);
    }

    /// <summary>
    /// dynalite refuses requests without a SigV4-shaped Authorization header but never checks the signature,
    /// so the endpoint's own calls carry a well-formed, unsigned one.
    /// </summary>
    private void AddPlaceholderAuthorization(HttpRequestMessage request)
    {
        var now = DateTime.UtcNow;
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential=local/{date}/{_options.Region}/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=unsigned");
    }

    private static JsonElement ParseOrUndefined(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return default;
        }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>dynalite's answer to one of the endpoint's own calls; Body is undefined when it was not JSON.</summary>
internal readonly record struct DynaliteResult(HttpStatusCode Status, JsonElement Body)
{
    public bool IsSuccess => Status == HttpStatusCode.OK;

    /// <summary>The short error name, e.g. ResourceNotFoundException, from "com.amazonaws.dynamodb.v20120810#...".</summary>
    public string? ErrorType =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("__type", out var type) && type.GetString() is { } full
            ? full[(full.LastIndexOf('#') + 1)..]
            : null;

    public string Describe() =>
        $"{(int)Status} {ErrorType ?? "(no error type)"}" +
        (Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("message", out var message) ? ": " + message.GetString() : "");
}
