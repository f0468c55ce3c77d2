using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using ImageLabelsLive.LocalAws.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>
/// The local S3, path-style under a prefix ({prefix}/{bucket}/{key}), for what the app and the AWS CLI do with it:
/// PutObject (presigned or header-signed, aws-chunked included), GetObject with Range, HeadObject, DeleteObject,
/// HeadBucket, ListBuckets and CORS preflights. Requests signed with the local key are verified; others are accepted
/// unverified, except that a presigned PUT must verify and a PUT must be signed.
/// </summary>
public sealed class LocalS3Service
{
    private const int MaxKeyBytes = 1024;
    private const string XmlNamespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    // Subresources of calls this stand-in does not play; they must not silently act as a plain GET or PUT.
    private static readonly string[] UnsupportedSubresources =
    [
        "acl", "tagging", "uploads", "uploadId", "partNumber", "versions", "retention", "legal-hold", "torrent",
        "restore", "select", "attributes", "policy", "cors", "lifecycle", "notification", "website", "encryption",
        "versioning", "logging", "replication", "object-lock", "list-type", "delete",
    ];

    private static readonly (string Query, string Header)[] ResponseOverrides =
    [
        ("response-content-type", "Content-Type"),
        ("response-content-disposition", "Content-Disposition"),
        ("response-content-encoding", "Content-Encoding"),
        ("response-content-language", "Content-Language"),
        ("response-cache-control", "Cache-Control"),
        ("response-expires", "Expires"),
    ];

    private readonly LocalS3Options options;
    private readonly S3ObjectStore store;
    private readonly S3EventNotifier notifier;
    private readonly SigV4Verifier verifier;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private long sequencer;

    internal LocalS3Service(LocalS3Options options, S3ObjectStore store, S3EventNotifier notifier, TimeProvider time, ILogger<LocalS3Service> logger)
    {
        this.options = options;
        this.store = store;
        this.notifier = notifier;
        this.time = time;
        this.logger = logger;
        verifier = new SigV4Verifier(options.Credentials, time, options.AllowedClockSkew);
        sequencer = time.GetUtcNow().UtcTicks;
    }

    /// <summary>Delivers the ObjectCreated events a crash or stop left in the journal; returns how many.</summary>
    public int ReplayJournaledEvents() => notifier.ReplayJournaled();

    /// <summary>Whether no ObjectCreated event is being delivered or waiting for a retry (for a draining stop).</summary>
    public bool IsNotificationIdle => notifier.IsIdle;

    /// <summary>True when the data folder and every bucket's folder accept writes.</summary>
    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => store.IsWritableAsync(cancellationToken);

    /// <summary>Answers one request under <paramref name="pathPrefix"/>.</summary>
    public async Task HandleAsync(HttpContext context, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        var requestId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var hostId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var response = context.Response;
        response.Headers["x-amz-request-id"] = requestId;
        response.Headers["x-amz-id-2"] = hostId;
        response.Headers.Server = "AmazonS3";
        var wire = SigV4Request.FromHttpRequest(context.Request);
        try
        {
            if (!ApplyCors(context, out var preflight))
            {
                throw new S3ErrorException(S3Error.CorsNotAllowed());
            }
            if (preflight)
            {
                return;
            }
            var (bucket, key) = ParsePath(wire.RawPath, pathPrefix);
            var caller = Authenticate(wire);
            var call = new S3Call(context, wire, bucket ?? string.Empty, key ?? string.Empty, caller, requestId, hostId);
            if (bucket is null)
            {
                await ServiceLevelAsync(call).ConfigureAwait(false);
            }
            else if (key is null)
            {
                await BucketLevelAsync(call).ConfigureAwait(false);
            }
            else
            {
                await ObjectLevelAsync(call).ConfigureAwait(false);
            }
        }
        catch (S3ErrorException refused)
        {
            logger.LogInformation("S3 {Method} {Path}: {Status} {Code}", wire.Method, wire.RawPath, refused.Error.Status, refused.Error.Code);
            if (!response.HasStarted)
            {
                await refused.Error.WriteAsync(response, requestId, hostId, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private static (string? Bucket, string? Key) ParsePath(string rawPath, string pathPrefix)
    {
        var prefix = pathPrefix.TrimEnd('/');
        var rest = rawPath.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? rawPath[prefix.Length..] : rawPath;
        rest = rest.TrimStart('/');
        if (rest.Length == 0)
        {
            return (null, null);
        }
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (Uri.UnescapeDataString(rest), null);
        }
        var bucket = Uri.UnescapeDataString(rest[..slash]);
        var key = Uri.UnescapeDataString(rest[(slash + 1)..]);
        return (bucket, key.Length == 0 ? null : key);
    }

    /// <summary>
    /// Who is calling. A request signed with the local key must verify; one signed with another key is taken on trust
    /// (as LocalStack does), except a presigned PUT, which is how browser bytes enter a bucket and so must always verify.
    /// </summary>
    private S3Caller Authenticate(SigV4Request wire)
    {
        var parsed = SigV4Authorization.Parse(wire);
        if (parsed.Error is not null)
        {
            throw new S3ErrorException(S3Error.MalformedAuthorization(parsed.ErrorLocation!.Value, parsed.Error));
        }
        if (parsed.Authorization is not { } authorization)
        {
            return new S3Caller(null, Verified: false);
        }
        var isPut = HttpMethods.IsPut(wire.Method);
        var payloadHash = authorization.Location == SigV4SignatureLocation.Query
            ? wire.Query("X-Amz-Content-Sha256") ?? SigV4CanonicalRequest.UnsignedPayload
            : wire.Header("x-amz-content-sha256")
              ?? throw new S3ErrorException(S3Error.InvalidRequest("Missing required header for this request: x-amz-content-sha256"));
        if (!verifier.IsLocalKey(authorization))
        {
            if (isPut && authorization.Location == SigV4SignatureLocation.Query)
            {
                throw new S3ErrorException(S3Error.InvalidAccessKeyId(authorization.AccessKeyId));
            }
            return new S3Caller(authorization, Verified: false);
        }
        var verification = verifier.Verify(wire, authorization, payloadHash, SigV4PathCanonicalization.S3);
        switch (verification.Outcome)
        {
            case SigV4Outcome.Valid:
                break;
            case SigV4Outcome.Expired:
                throw new S3ErrorException(S3Error.AccessDenied("Request has expired",
                [
                    new("X-Amz-Expires", ((long)authorization.Expires!.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
                    new("Expires", (authorization.SignedAt + authorization.Expires.Value).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                    new("ServerTime", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                ]));
            case SigV4Outcome.NotYetValid:
                throw new S3ErrorException(S3Error.AccessDenied("Request is not valid yet"));
            case SigV4Outcome.RequestTimeTooSkewed:
                throw new S3ErrorException(S3Error.RequestTimeTooSkewed(authorization.SignedAt, time.GetUtcNow()));
            default:
                throw new S3ErrorException(S3Error.SignatureDoesNotMatch(authorization, verification));
        }
        // S3 requires every x-amz-* header to be signed, so none can be added to a signed request.
        var unsigned = wire.HeaderNames
            .Where(name => name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            .Where(name => !authorization.SignedHeaders.Contains(name.ToLowerInvariant()))
            .ToList();
        if (unsigned.Count > 0)
        {
            throw new S3ErrorException(S3Error.AccessDenied("There were headers present in the request which were not signed",
                [new("HeadersNotSigned", string.Join(", ", unsigned.Select(n => n.ToLowerInvariant())))]));
        }
        return new S3Caller(authorization, Verified: true);
    }

    private async Task ServiceLevelAsync(S3Call call)
    {
        if (!HttpMethods.IsGet(call.Wire.Method))
        {
            throw new S3ErrorException(S3Error.MethodNotAllowed(call.Wire.Method, "SERVICE"));
        }
        // ListBuckets
        var created = Directory.GetCreationTimeUtc(options.DataDirectory).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        await WriteXmlAsync(call.Http.Response, xml =>
        {
            xml.WriteStartElement("ListAllMyBucketsResult", XmlNamespace);
            xml.WriteStartElement("Owner");
            xml.WriteElementString("ID", options.OwnerId);
            xml.WriteElementString("DisplayName", "local");
            xml.WriteEndElement();
            xml.WriteStartElement("Buckets");
            foreach (var bucket in store.Buckets.Order(StringComparer.Ordinal))
            {
                xml.WriteStartElement("Bucket");
                xml.WriteElementString("Name", bucket);
                xml.WriteElementString("CreationDate", created);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }, call.Http.RequestAborted).ConfigureAwait(false);
    }

    private Task BucketLevelAsync(S3Call call)
    {
        if (!store.HasBucket(call.Bucket))
        {
            throw new S3ErrorException(S3Error.NoSuchBucket(call.Bucket));
        }
        if (HttpMethods.IsHead(call.Wire.Method))
        {
            // HeadBucket
            call.Http.Response.Headers["x-amz-bucket-region"] = options.Region;
            call.Http.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        }
        throw new S3ErrorException(S3Error.NotImplemented($"{call.Wire.Method} on a bucket"));
    }

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
                await GetObjectAsync(call).ConfigureAwait(false);
                break;
            case "PUT":
                await PutObjectAsync(call).ConfigureAwait(false);
                break;
            case "DELETE":
                DeleteObject(call);
                break;
            default:
                throw new S3ErrorException(S3Error.MethodNotAllowed(call.Wire.Method, "OBJECT"));
        }
    }

    private async Task GetObjectAsync(S3Call call)
    {
        var head = HttpMethods.IsHead(call.Wire.Method);
        var opened = store.OpenRead(call.Bucket, call.Key) ?? throw new S3ErrorException(S3Error.NoSuchKey(call.Key));
        var (info, data) = opened;
        await using (data.ConfigureAwait(false))
        {
            var response = call.Http.Response;
            var rangeHeader = call.Http.Request.Headers.Range.ToString();
            var outcome = S3ByteRange.Resolve(rangeHeader, info.Size, out var range);
            if (outcome == S3RangeOutcome.Unsatisfiable)
            {
                response.Headers.ContentRange = "bytes */" + info.Size.ToString(CultureInfo.InvariantCulture);
                throw new S3ErrorException(S3Error.InvalidRange(rangeHeader, info.Size));
            }
            if (outcome == S3RangeOutcome.None)
            {
                range = new S3ByteRange(0, info.Size);
            }
            response.StatusCode = outcome == S3RangeOutcome.Satisfiable ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
            response.ContentType = info.ContentType;
            response.ContentLength = range.Length;
            response.Headers.ETag = info.QuotedETag;
            response.Headers.LastModified = info.LastModified.ToString("R", CultureInfo.InvariantCulture);
            response.Headers.AcceptRanges = "bytes";
            if (outcome == S3RangeOutcome.Satisfiable)
            {
                response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.Start}-{range.End}/{info.Size}");
            }
            foreach (var (query, header) in ResponseOverrides)
            {
                if (call.Wire.Query(query) is { } value)
                {
                    response.Headers[header] = value;
                }
            }
            if (head || range.Length == 0)
            {
                return;
            }
            data.Seek(range.Start, SeekOrigin.Begin);
            await CopyAsync(data, response.Body, range.Length, call.Http.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task PutObjectAsync(S3Call call)
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
        var contentMd5 = ParseContentMd5(request.Headers["Content-MD5"].ToString());
        var checksumSha256 = ParseChecksumSha256(request.Headers["x-amz-checksum-sha256"].ToString());
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
            notifier.Publish(ObjectCreatedEvent(call, stored));
        }
    }

    /// <summary>x-amz-checksum-sha256: base64 of 32 bytes, or null when absent; anything else is S3's 400 InvalidRequest.</summary>
    private static byte[]? ParseChecksumSha256(string header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }
        var digest = new byte[33];
        return Convert.TryFromBase64String(header, digest, out var written) && written == 32
            ? digest[..32]
            : throw new S3ErrorException(S3Error.InvalidRequest("Value for x-amz-checksum-sha256 header is invalid."));
    }

    private void DeleteObject(S3Call call)
    {
        if (call.Caller.Authorization is null)
        {
            throw new S3ErrorException(S3Error.AccessDenied("Access Denied: an object can only be deleted with a signed request."));
        }
        store.Delete(call.Bucket, call.Key);
        call.Http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private S3EventRecord ObjectCreatedEvent(S3Call call, S3ObjectInfo stored)
    {
        var source = call.Http.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : IPAddress.Loopback.ToString();
        var principal = call.Caller.Authorization is { } authorization ? "AWS:" + authorization.AccessKeyId : "Anonymous";
        return new S3EventRecord(
            EventVersion: "2.1",
            EventSource: "aws:s3",
            AwsRegion: options.Region,
            EventTime: time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            EventName: "ObjectCreated:Put",
            UserIdentity: new S3EventIdentity(principal),
            RequestParameters: new S3EventRequestParameters(source),
            ResponseElements: new S3EventResponseElements(call.RequestId, call.HostId),
            S3: new S3EventEntity(
                SchemaVersion: "1.0",
                ConfigurationId: options.NotificationConfigurationId,
                Bucket: new S3EventBucket(stored.Bucket, new S3EventIdentity(options.OwnerId), "arn:aws:s3:::" + stored.Bucket),
                Object: new S3EventObject(
                    S3EventKey.Encode(stored.Key),
                    stored.Size,
                    stored.ETag,
                    Interlocked.Increment(ref sequencer).ToString("X18", CultureInfo.InvariantCulture))));
    }

    /// <summary>Adds CORS headers and answers a preflight; false for a preflight whose origin or method is not allowed.</summary>
    private bool ApplyCors(HttpContext context, out bool preflight)
    {
        var request = context.Request;
        var response = context.Response;
        preflight = HttpMethods.IsOptions(request.Method);
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return preflight ? throw new S3ErrorException(S3Error.MissingOrigin()) : true;
        }
        if (!options.CorsAllowedOrigins.Contains("*") && !options.CorsAllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            // As S3: a preflight is refused; an actual request is served without CORS headers, so a browser withholds the answer.
            return !preflight;
        }
        response.Headers.AccessControlAllowOrigin = origin;
        response.Headers.Vary = "Origin";
        response.Headers.AccessControlExposeHeaders = "ETag, Content-Range, Content-Length, x-amz-request-id, x-amz-id-2";
        if (!preflight)
        {
            return true;
        }
        var method = request.Headers.AccessControlRequestMethod.ToString();
        if (method is not ("GET" or "HEAD" or "PUT" or "DELETE"))
        {
            return false;
        }
        response.Headers.AccessControlAllowMethods = "GET, HEAD, PUT, DELETE";
        if (request.Headers.AccessControlRequestHeaders.Count > 0)
        {
            response.Headers.AccessControlAllowHeaders = request.Headers.AccessControlRequestHeaders;
        }
        response.Headers.AccessControlMaxAge = "3000";
        response.StatusCode = StatusCodes.Status200OK;
        return true;
    }

    private static byte[]? ParseContentMd5(string header)
    {
        if (header.Length == 0)
        {
            return null;
        }
        var bytes = new byte[16];
        return Convert.TryFromBase64String(header.Trim(), bytes, out var written) && written == 16
            ? bytes
            : throw new S3ErrorException(S3Error.InvalidDigest());
    }

    private static async Task CopyAsync(Stream source, Stream destination, long length, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (length > 0)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("The object's file is shorter than its metadata says.");
            }
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            length -= read;
        }
    }

    private static async Task WriteXmlAsync(HttpResponse response, Action<XmlWriter> write, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            write(xml);
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/xml";
        response.ContentLength = stream.Length;
        await response.Body.WriteAsync(stream.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The caller: its claimed signature (null if unsigned) and whether it was verified against the local key.</summary>
    private sealed record S3Caller(SigV4Authorization? Authorization, bool Verified);

    private sealed record S3Call(HttpContext Http, SigV4Request Wire, string Bucket, string Key, S3Caller Caller, string RequestId, string HostId);
}
