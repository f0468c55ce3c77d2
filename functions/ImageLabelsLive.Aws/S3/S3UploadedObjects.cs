using Amazon.S3;
using Amazon.S3.Model;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Aws.S3;

/// <summary>Presigns uploads to, links to, and reads back from, the private upload bucket.</summary>
public sealed class S3UploadedObjects(IAmazonS3 s3, string uploadBucket) : IUploadUrlSigner, IImageUrlSigner, IUploadedObjects
{
    public Uri SignPut(string objectKey, string contentType, DateTimeOffset expiresAt) =>
        Presign(new GetPreSignedUrlRequest { Key = objectKey, Verb = HttpVerb.PUT, ContentType = contentType, Expires = expiresAt.UtcDateTime });

    public Uri SignGet(string objectKey, DateTimeOffset expiresAt) =>
        Presign(new GetPreSignedUrlRequest { Key = objectKey, Verb = HttpVerb.GET, Expires = expiresAt.UtcDateTime });

    private Uri Presign(GetPreSignedUrlRequest request)
    {
        request.BucketName = uploadBucket;
        // The SDK returns https unless told otherwise; a local endpoint speaks plain http.
        request.Protocol = s3.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS;
        return new Uri(s3.GetPreSignedURL(request));
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
