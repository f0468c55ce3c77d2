using Amazon.S3;
using Amazon.S3.Model;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Aws.S3;

/// <summary>Presigns uploads to, links to, and reads back from, the private upload bucket.</summary>
public sealed class S3UploadedObjects(IAmazonS3 s3, string uploadBucket) : IUploadUrlSigner, IImageUrlSigner, IUploadedObjects, IStoredObjects
{
    public Uri SignPut(string objectKey, string contentType, DateTimeOffset expiresAt, string? sha256 = null)
    {
        var request = new GetPreSignedUrlRequest { Key = objectKey, Verb = HttpVerb.PUT, ContentType = contentType, Expires = expiresAt.UtcDateTime };
        if (sha256 is not null)
        {
            // Signed, so the browser must send it, and S3 refuses bytes whose SHA-256 differs (400 BadDigest).
            request.Headers["x-amz-checksum-sha256"] = sha256;
        }
        return Presign(request);
    }

    public async Task DeleteAsync(string objectKey, CancellationToken cancellationToken) =>
        await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = uploadBucket, Key = objectKey }, cancellationToken).ConfigureAwait(false);

    public async Task<Uri> StoreExportAsync(string objectKey, string localPath, string contentType, string downloadName, DateTimeOffset linkExpiresAt, CancellationToken cancellationToken)
    {
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = uploadBucket, Key = objectKey, FilePath = localPath, ContentType = contentType }, cancellationToken).ConfigureAwait(false);
        var request = new GetPreSignedUrlRequest { Key = objectKey, Verb = HttpVerb.GET, Expires = linkExpiresAt.UtcDateTime };
        request.ResponseHeaderOverrides.ContentDisposition = $"attachment; filename=\"{downloadName}\"";
        request.ResponseHeaderOverrides.ContentType = contentType;
        return Presign(request);
    }

    public Uri SignGet(string objectKey, DateTimeOffset expiresAt) =>
        Presign(new GetPreSignedUrlRequest { Key = objectKey, Verb = HttpVerb.GET, Expires = expiresAt.UtcDateTime });

    private Uri Presign(GetPreSignedUrlRequest request)
    {
        request.BucketName = uploadBucket;
        // The SDK returns https unless told otherwise; a local endpoint speaks plain http.
        request.Protocol = s3.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS;
        return new Uri(s3.GetPreSignedURL(request));
    }

    public async Task<ArrivedObject?> FindAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            // S3 always sends Last-Modified; without one the object counts as long arrived, so it is re-driven, not left.
            var arrivedAt = metadata.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.MinValue;
            return new ArrivedObject(metadata.ContentLength, arrivedAt);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // 404 only with s3:ListBucket on the bucket; without it S3 answers a missing key 403, which propagates.
            return null;
        }
    }

    public async Task<byte[]> ReadPrefixAsync(string bucket, string key, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        using var response = await s3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = bucket,
            Key = key,
            ByteRange = new ByteRange(0, count - 1),
        }, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[count];
        var read = await response.ResponseStream.ReadAtLeastAsync(buffer, count, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read == count ? buffer : buffer[..read];
    }
}
