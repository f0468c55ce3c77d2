using System.Text;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>
/// Sends a request to its operation by what it names (service, bucket or object) and its method; a call this
/// stand-in does not play is refused as S3 refuses it, never served as a nearby one.
/// </summary>
internal sealed class S3Routing(S3ObjectStore store, S3BucketOperations buckets, S3ListObjects list, S3GetObject get, S3PutObject put, S3DeleteObject delete)
{
    private const int MaxKeyBytes = 1024;

    // Subresources of calls this stand-in does not play; they must not silently act as a plain GET or PUT.
    private static readonly string[] UnsupportedSubresources =
    [
        "acl", "tagging", "uploads", "uploadId", "partNumber", "versions", "retention", "legal-hold", "torrent",
        "restore", "select", "attributes", "policy", "cors", "lifecycle", "notification", "website", "encryption",
        "versioning", "logging", "replication", "object-lock", "list-type", "delete",
    ];

    public Task RouteAsync(S3ResourcePath path, S3Call call)
    {
        if (path.Bucket is null)
        {
            return ServiceLevelAsync(call);
        }
        return path.Key is null ? BucketLevelAsync(call) : ObjectLevelAsync(call);
    }

    private Task ServiceLevelAsync(S3Call call)
    {
        if (!HttpMethods.IsGet(call.Wire.Method))
        {
            throw new S3ErrorException(S3Error.MethodNotAllowed(call.Wire.Method, "SERVICE"));
        }
        return buckets.ListBucketsAsync(call);
    }

    private Task BucketLevelAsync(S3Call call)
    {
        if (!store.HasBucket(call.Bucket))
        {
            throw new S3ErrorException(S3Error.NoSuchBucket(call.Bucket));
        }
        if (HttpMethods.IsHead(call.Wire.Method))
        {
            buckets.HeadBucket(call);
            return Task.CompletedTask;
        }
        if (!HttpMethods.IsGet(call.Wire.Method))
        {
            throw new S3ErrorException(S3Error.NotImplemented($"{call.Wire.Method} on a bucket"));
        }
        if (call.Wire.QueryParameters.Any(p => p.Key == "location"))
        {
            return buckets.GetBucketLocationAsync(call);
        }
        // A bucket's other GETs (?acl, ?versions, ?policy…) are calls this stand-in does not play.
        if (call.Wire.QueryParameters.FirstOrDefault(p => !IsListing(p.Key)) is { Key: not null } subresource)
        {
            throw new S3ErrorException(S3Error.NotImplemented("?" + subresource.Key + " on a bucket"));
        }
        return list.HandleAsync(call);
    }

    private static bool IsListing(string parameter) =>
        S3ListObjects.Parameters.Contains(parameter, StringComparer.Ordinal)
        || parameter.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase);

    private async Task ObjectLevelAsync(S3Call call)
    {
        if (!store.HasBucket(call.Bucket))
        {
            throw new S3ErrorException(S3Error.NoSuchBucket(call.Bucket));
        }
        if (Encoding.UTF8.GetByteCount(call.Key) > MaxKeyBytes)
        {
            throw new S3ErrorException(S3Error.KeyTooLong());
        }
        if (call.Wire.QueryParameters.FirstOrDefault(p => UnsupportedSubresources.Contains(p.Key, StringComparer.Ordinal)) is { Key: not null } subresource)
        {
            throw new S3ErrorException(S3Error.NotImplemented("?" + subresource.Key));
        }
        switch (call.Wire.Method)
        {
            case "GET":
            case "HEAD":
                await get.HandleAsync(call).ConfigureAwait(false);
                break;
            case "PUT":
                await put.HandleAsync(call).ConfigureAwait(false);
                break;
            case "DELETE":
                delete.Handle(call);
                break;
            default:
                throw new S3ErrorException(S3Error.MethodNotAllowed(call.Wire.Method, "OBJECT"));
        }
    }
}
