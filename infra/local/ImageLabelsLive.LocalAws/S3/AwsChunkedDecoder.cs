using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImageLabelsLive.LocalAws.Signing;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>
/// Reads an aws-chunked body (Content-Encoding: aws-chunked, as AWSSDK sends PutObject): "hex-size[;chunk-signature=…]\r\n",
/// the data, "\r\n", … then a zero-size chunk and optional trailing headers (e.g. x-amz-checksum-crc32,
/// x-amz-trailer-signature) up to an empty line. With a signature chain, every chunk and the trailer must verify.
/// </summary>
internal sealed class AwsChunkedDecoder
{
    private const int MaxLineBytes = 4096;
    private readonly Stream source;
    private readonly byte[] buffer = new byte[64 * 1024];
    private int position;
    private int count;

    private AwsChunkedDecoder(Stream source) => this.source = source;

    /// <summary>Decodes <paramref name="source"/> into <paramref name="sink"/>; returns the decoded length.</summary>
    /// <exception cref="S3ErrorException">The framing is broken, or a signature does not verify.</exception>
    public static Task<long> DecodeAsync(Stream source, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> sink, SigV4ChunkSignatureChain? chain, CancellationToken cancellationToken) =>
        new AwsChunkedDecoder(source).RunAsync(sink, chain, cancellationToken);

    private async Task<long> RunAsync(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> sink, SigV4ChunkSignatureChain? chain, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            var header = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var (size, signature) = ParseChunkHeader(header);
            using var hash = chain is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var remaining = size;
            while (remaining > 0)
            {
                var piece = await ReadAsync(remaining, cancellationToken).ConfigureAwait(false);
                hash?.AppendData(piece.Span);
                await sink(piece, cancellationToken).ConfigureAwait(false);
                remaining -= piece.Length;
            }
            if (chain is not null && (signature is null || !chain.VerifyChunk(hash!.GetHashAndReset(), signature)))
            {
                throw new S3ErrorException(S3Error.ChunkSignatureDoesNotMatch());
            }
            if (size == 0)
            {
                await ReadTrailerAsync(chain, cancellationToken).ConfigureAwait(false);
                return total;
            }
            total += size;
            if (await ReadLineAsync(cancellationToken).ConfigureAwait(false) != string.Empty)
            {
                throw Broken("a chunk's data is not followed by CRLF");
            }
        }
    }

    private async Task ReadTrailerAsync(SigV4ChunkSignatureChain? chain, CancellationToken cancellationToken)
    {
        var canonical = new StringBuilder();
        string? trailerSignature = null;
        while (true)
        {
            var line = await ReadLineAsync(allowEnd: true, cancellationToken).ConfigureAwait(false);
            if (line is null or "")
            {
                break;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Broken("a trailing header is malformed");
            }
            var name = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (name == "x-amz-trailer-signature")
            {
                trailerSignature = value;
            }
            else
            {
                canonical.Append(name).Append(':').Append(value).Append('\n');
            }
        }
        if (chain is not null && canonical.Length > 0
            && (trailerSignature is null || !chain.VerifyTrailer(canonical.ToString(), trailerSignature)))
        {
            throw new S3ErrorException(S3Error.ChunkSignatureDoesNotMatch());
        }
    }

    private static (long Size, string? Signature) ParseChunkHeader(string header)
    {
        var parts = header.Split(';');
        if (!long.TryParse(parts[0].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
        {
            throw Broken("a chunk size is not hexadecimal");
        }
        string? signature = null;
        foreach (var extension in parts.Skip(1))
        {
            var equals = extension.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && extension[..equals].Trim() == "chunk-signature")
            {
                signature = extension[(equals + 1)..].Trim();
            }
        }
        return (size, signature);
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken) =>
        await ReadLineAsync(allowEnd: false, cancellationToken).ConfigureAwait(false)
        ?? throw Broken("the body ended inside a chunk header");

    /// <summary>An ASCII line without its CRLF; null at the end of the body when <paramref name="allowEnd"/>.</summary>
    private async Task<string?> ReadLineAsync(bool allowEnd, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (position == count && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return allowEnd && line.Length == 0 ? null : throw Broken("the body ended inside a line");
            }
            var b = buffer[position++];
            if (b == '\n')
            {
                return line.Length > 0 && line[^1] == '\r' ? line.ToString(0, line.Length - 1) : line.ToString();
            }
            if (line.Length >= MaxLineBytes)
            {
                throw Broken("a chunk header is too long");
            }
            line.Append((char)b);
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadAsync(long wanted, CancellationToken cancellationToken)
    {
        if (position == count && !await FillAsync(cancellationToken).ConfigureAwait(false))
        {
            throw Broken("the body ended inside a chunk");
        }
        var take = (int)Math.Min(wanted, count - position);
        var piece = new ReadOnlyMemory<byte>(buffer, position, take);
        position += take;
        return piece;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        position = 0;
        count = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return count > 0;
    }

    private static S3ErrorException Broken(string why) =>
        new(S3Error.IncompleteBody($"The aws-chunked body is malformed: {why}."));
}
