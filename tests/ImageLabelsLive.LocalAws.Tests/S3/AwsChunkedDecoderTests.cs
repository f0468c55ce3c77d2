using System.Text;
using ImageLabelsLive.LocalAws.S3;
using ImageLabelsLive.LocalAws.Tests.Signing;

namespace ImageLabelsLive.LocalAws.Tests.S3;

/// <summary>The aws-chunked body of Amazon S3's documented example (64 KiB + 1 KiB of 'a'), decoded and verified.</summary>
public sealed class AwsChunkedDecoderTests
{
    [Fact]
    public async Task DecodeAsync_DocumentedSignedBody_DataWithoutFraming()
    {
        var (body, expected) = DocumentedBody(SigV4ChunkSignatureChainTests.ChunkSignatures);

        var (decoded, length) = await DecodeAsync(body);

        length.ShouldBe(66560);
        decoded.ShouldBe(expected);
    }

    [Fact]
    public async Task DecodeAsync_SecondChunkSignatureWrong_SignatureDoesNotMatch()
    {
        var signatures = SigV4ChunkSignatureChainTests.ChunkSignatures.ToArray();
        signatures[1] = new string('0', 64);
        var (body, _) = DocumentedBody(signatures);

        var error = await Should.ThrowAsync<S3ErrorException>(() => DecodeAsync(body));

        error.Error.Code.ShouldBe("SignatureDoesNotMatch");
    }

    [Fact]
    public async Task DecodeAsync_BodyCutShort_IncompleteBody()
    {
        var (body, _) = DocumentedBody(SigV4ChunkSignatureChainTests.ChunkSignatures);

        var error = await Should.ThrowAsync<S3ErrorException>(() => DecodeAsync(body[..40000]));

        error.Error.Code.ShouldBe("IncompleteBody");
    }

    [Fact]
    public async Task DecodeAsync_UnsignedChunksWithTrailer_DataWithoutFraming()
    {
        var body = Encoding.ASCII.GetBytes("5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n");
        using var output = new MemoryStream();

        var length = await AwsChunkedDecoder.DecodeAsync(new MemoryStream(body), (piece, _) => { output.Write(piece.Span); return ValueTask.CompletedTask; }, chain: null, CancellationToken.None);

        length.ShouldBe(11);
        Encoding.ASCII.GetString(output.ToArray()).ShouldBe("hello world");
    }

    private static async Task<(byte[] Decoded, long Length)> DecodeAsync(byte[] body)
    {
        using var output = new MemoryStream();
        var chain = new ImageLabelsLive.LocalAws.Signing.SigV4ChunkSignatureChain(
            SigV4ChunkSignatureChainTests.DocumentationKey, SigV4ChunkSignatureChainTests.DocumentationSeed);
        // Small reads, so chunk boundaries fall inside the decoder's buffer fills.
        var length = await AwsChunkedDecoder.DecodeAsync(new TrickleStream(body, 1000),
            (piece, _) => { output.Write(piece.Span); return ValueTask.CompletedTask; }, chain, CancellationToken.None);
        return (output.ToArray(), length);
    }

    private static (byte[] Body, byte[] Data) DocumentedBody(string[] signatures)
    {
        var body = new MemoryStream();
        void Chunk(int size, string signature)
        {
            body.Write(Encoding.ASCII.GetBytes($"{size:x};chunk-signature={signature}\r\n"));
            body.Write(SigV4ChunkSignatureChainTests.Filled(size));
            body.Write("\r\n"u8);
        }
        Chunk(65536, signatures[0]);
        Chunk(1024, signatures[1]);
        Chunk(0, signatures[2]);
        return (body.ToArray(), SigV4ChunkSignatureChainTests.Filled(66560));
    }

    /// <summary>Hands out at most a few bytes per read, as a slow socket would.</summary>
    private sealed class TrickleStream(byte[] data, int maxRead) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, maxRead));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, maxRead)], cancellationToken);
    }
}
