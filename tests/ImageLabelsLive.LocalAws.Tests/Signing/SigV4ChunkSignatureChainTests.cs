using System.Security.Cryptography;
using ImageLabelsLive.LocalAws.Signing;

namespace ImageLabelsLive.LocalAws.Tests.Signing;

/// <summary>
/// The chunk signature chain against the example in Amazon S3's API reference ("Transferring payload in multiple
/// chunks"): a 66,560-byte object of 'a' sent as a 64 KiB chunk, a 1 KiB chunk and the final empty chunk.
/// </summary>
public sealed class SigV4ChunkSignatureChainTests
{
    internal static readonly SigV4KeyPair DocumentationKey = new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    internal const string SeedSignature = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    internal static readonly string[] ChunkSignatures =
    [
        "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
        "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
        "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
    ];

    internal static SigV4Authorization DocumentationSeed => new()
    {
        Location = SigV4SignatureLocation.Header,
        AccessKeyId = DocumentationKey.AccessKeyId,
        ScopeDate = "20130524",
        Region = "us-east-1",
        Service = "s3",
        SignedHeaders = ["content-encoding", "content-length", "host", "x-amz-content-sha256", "x-amz-date", "x-amz-decoded-content-length", "x-amz-storage-class"],
        Signature = SeedSignature,
        SignedAt = new DateTimeOffset(2013, 5, 24, 0, 0, 0, TimeSpan.Zero),
        SignedAtText = "20130524T000000Z",
    };

    [Fact]
    public void VerifyChunk_DocumentedExample_EveryChunkVerifies()
    {
        var chain = new SigV4ChunkSignatureChain(DocumentationKey, DocumentationSeed);

        chain.VerifyChunk(SHA256.HashData(Filled(65536)), ChunkSignatures[0]).ShouldBeTrue();
        chain.VerifyChunk(SHA256.HashData(Filled(1024)), ChunkSignatures[1]).ShouldBeTrue();
        chain.VerifyChunk(SHA256.HashData([]), ChunkSignatures[2]).ShouldBeTrue();
    }

    [Fact]
    public void VerifyChunk_ChunkDataChanged_False()
    {
        var chain = new SigV4ChunkSignatureChain(DocumentationKey, DocumentationSeed);
        var data = Filled(65536);
        data[100] = (byte)'b';

        chain.VerifyChunk(SHA256.HashData(data), ChunkSignatures[0]).ShouldBeFalse();
    }

    [Fact]
    public void VerifyChunk_ChunksOutOfOrder_False()
    {
        var chain = new SigV4ChunkSignatureChain(DocumentationKey, DocumentationSeed);

        chain.VerifyChunk(SHA256.HashData(Filled(1024)), ChunkSignatures[1]).ShouldBeFalse();
    }

    internal static byte[] Filled(int length) => Enumerable.Repeat((byte)'a', length).ToArray();
}
