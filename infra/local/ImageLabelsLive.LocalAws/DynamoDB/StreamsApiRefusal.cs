using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.DynamoDB;

/// <summary>
/// The DynamoDB Streams API (ListStreams, GetRecords, …) is not played here: the streams feed the host's own event source
/// mappings. A client that asks for it, as `aws dynamodbstreams` does, is told so in DynamoDB's error shape instead of
/// getting dynalite's bare UnknownOperationException.
/// </summary>
internal static class StreamsApiRefusal
{
    public const string TargetPrefix = "DynamoDBStreams_20120810.";

    public static bool IsStreamsCall(HttpRequest request) =>
        request.Headers["X-Amz-Target"].ToString().StartsWith(TargetPrefix, StringComparison.Ordinal);

    public static async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = "application/x-amz-json-1.0";
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["__type"] = "com.amazon.coral.service#UnknownOperationException",
            ["message"] = "The local DynamoDB does not play the DynamoDB Streams API: a table's stream feeds the host's event source "
                + "mappings, whose progress GET /health reports.",
        });
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
