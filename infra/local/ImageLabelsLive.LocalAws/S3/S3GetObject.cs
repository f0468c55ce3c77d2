using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>GetObject and HeadObject for signed callers: the object's bytes (or a Range of them) and its headers, with response-* overrides.</summary>
internal sealed class S3GetObject(S3ObjectStore store)
{
    private static readonly (string Query, string Header)[] ResponseOverrides =
    [
        ("response-content-type", "Content-Type"),
        ("response-content-disposition", "Content-Disposition"),
        ("response-content-encoding", "Content-Encoding"),
        ("response-content-language", "Content-Language"),
        ("response-cache-control", "Cache-Control"),
        ("response-expires", "Expires"),
    ];

    public async Task HandleAsync(S3Call call)
    {
        // The bucket is private: as S3 answers an anonymous caller, whether or not the key exists.
        if (call.Caller.Authorization is null)
        {
            throw new S3ErrorException(S3Error.AccessDenied("Access Denied"));
        }
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
}
