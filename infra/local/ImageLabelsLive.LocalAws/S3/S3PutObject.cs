using System.Globalization;
using System.Security.Cryptography;
using ImageLabelsLive.LocalAws.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>
/// PutObject, plain or aws-chunked: streams the body to an upload file while hashing it, checks its length and
/// declared digests, commits it, and publishes ObjectCreated for keys under the notification prefix.
/// </summary>
internal sealed class S3PutObject(
    LocalS3Options options, S3ObjectStore store, S3EventNotifier notifier, S3ObjectCreatedEvents events, TimeProvider time)
{
    public async Task HandleAsync(S3Call call)
    {
        var request = call.Http.Request;
        if (request.Headers.ContainsKey("x-amz-copy-source"))
        {
            throw new S3ErrorException(S3Error.NotImplemented("CopyObject (x-amz-copy-source)"));
        }
        if (call.Caller.Authorization is null)
        {
            throw new S3ErrorException(S3Error.AccessDenied("Access Denied: an object can only be written with a signed request."));
        }
        var payloadHash = call.Wire.Header("x-amz-content-sha256");
        var chunked = payloadHash?.StartsWith("STREAMING-", StringComparison.Ordinal) == true
            || request.Headers.ContentEncoding.ToString().Contains("aws-chunked", StringComparison.OrdinalIgnoreCase);
        long? declared = chunked
            ? long.TryParse(call.Wire.Header("x-amz-decoded-content-length"), NumberStyles.None, CultureInfo.InvariantCulture, out var decodedLength) ? decodedLength : null
            : request.ContentLength;
        if (declared is null)
        {
            throw new S3ErrorException(S3Error.MissingContentLength());
        }
        if (declared > options.MaxObjectBytes)
        {
            throw new S3ErrorException(S3Error.EntityTooLarge(declared.Value, options.MaxObjectBytes));
        }
        if (call.Http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            // aws-chunked framing adds about 90 bytes per 64 KB chunk; the decoded size is checked separately.
            bodyLimit.MaxRequestBodySize = chunked ? options.MaxObjectBytes * 2 + 1024 * 1024 : options.MaxObjectBytes;
        }
        var contentMd5 = S3ChecksumHeaders.ParseContentMd5(request.Headers["Content-MD5"].ToString());
        var checksumSha256 = S3ChecksumHeaders.ParseChecksumSha256(request.Headers["x-amz-checksum-sha256"].ToString());
        var checkSha256 = (!chunked && payloadHash is { Length: 64 } && payloadHash.All(char.IsAsciiHexDigit)) || checksumSha256 is not null;
        var contentType = string.IsNullOrEmpty(request.ContentType) ? "binary/octet-stream" : request.ContentType;

        var uploadPath = store.NewUploadPath(call.Bucket);
        S3ObjectInfo stored;
        try
        {
            long size = 0;
            byte[] md5;
            byte[]? sha256 = null;
            var file = new FileStream(uploadPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
#pragma warning disable CA5351 // S3's ETag of a single-part object is the MD5 of its bytes; it is not used for security.
                using var md5Hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
                using var sha256Hash = checkSha256 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
                async ValueTask WriteAsync(ReadOnlyMemory<byte> piece, CancellationToken cancellationToken)
                {
                    size += piece.Length;
                    if (size > options.MaxObjectBytes)
                    {
                        throw new S3ErrorException(S3Error.EntityTooLarge(size, options.MaxObjectBytes));
                    }
                    md5Hash.AppendData(piece.Span);
                    sha256Hash?.AppendData(piece.Span);
                    await file.WriteAsync(piece, cancellationToken).ConfigureAwait(false);
                }
                try
                {
                    if (chunked)
                    {
                        var chain = call.Caller.Verified && payloadHash?.StartsWith("STREAMING-AWS4-HMAC-SHA256-", StringComparison.Ordinal) == true
                            ? new SigV4ChunkSignatureChain(options.Credentials, call.Caller.Authorization)
                            : null;
                        await AwsChunkedDecoder.DecodeAsync(request.Body, WriteAsync, chain, call.Http.RequestAborted).ConfigureAwait(false);
                    }
                    else
                    {
                        var buffer = new byte[64 * 1024];
                        int read;
                        while ((read = await request.Body.ReadAsync(buffer, call.Http.RequestAborted).ConfigureAwait(false)) > 0)
                        {
                            await WriteAsync(buffer.AsMemory(0, read), call.Http.RequestAborted).ConfigureAwait(false);
                        }
                    }
                }
                catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    throw new S3ErrorException(S3Error.EntityTooLarge(request.ContentLength ?? size, options.MaxObjectBytes));
                }
                md5 = md5Hash.GetHashAndReset();
                sha256 = sha256Hash?.GetHashAndReset();
            }
            if (size != declared)
            {
                throw new S3ErrorException(S3Error.IncompleteBody(
                    string.Create(CultureInfo.InvariantCulture, $"You did not provide the number of bytes specified by the Content-Length HTTP header ({declared} declared, {size} received).")));
            }
            if (contentMd5 is not null && !contentMd5.AsSpan().SequenceEqual(md5))
            {
                throw new S3ErrorException(S3Error.BadDigest());
            }
            // As S3: the bytes' SHA-256 must be the one the client declared (and, for a presigned PUT, signed).
            if (checksumSha256 is not null && !checksumSha256.AsSpan().SequenceEqual(sha256))
            {
                throw new S3ErrorException(S3Error.ChecksumSha256Mismatch());
            }
            if (sha256 is not null && payloadHash is { Length: 64 } && payloadHash.All(char.IsAsciiHexDigit) && !chunked
                && !string.Equals(Convert.ToHexStringLower(sha256), payloadHash, StringComparison.OrdinalIgnoreCase))
            {
                throw new S3ErrorException(S3Error.ContentSha256Mismatch(payloadHash!, Convert.ToHexStringLower(sha256)));
            }
            var now = time.GetUtcNow();
            // Whole seconds, as S3's Last-Modified has no finer resolution.
            var lastModified = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
            stored = store.Commit(call.Bucket, call.Key, uploadPath, contentType, Convert.ToHexStringLower(md5), size, lastModified);
        }
        finally
        {
            File.Delete(uploadPath);
        }

        call.Http.Response.StatusCode = StatusCodes.Status200OK;
        call.Http.Response.Headers.ETag = stored.QuotedETag;
        if (call.Key.StartsWith(options.NotificationPrefix, StringComparison.Ordinal))
        {
            notifier.Publish(events.For(call, stored));
        }
    }
}
