namespace ImageLabelsLive.LocalAws.S3;

/// <summary>The digests a PUT may declare for its bytes: Content-MD5 and x-amz-checksum-sha256.</summary>
internal static class S3ChecksumHeaders
{
    /// <summary>Content-MD5: base64 of 16 bytes, or null when absent; anything else is S3's 400 InvalidDigest.</summary>
    public static byte[]? ParseContentMd5(string header)
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

    /// <summary>x-amz-checksum-sha256: base64 of 32 bytes, or null when absent; anything else is S3's 400 InvalidRequest.</summary>
    public static byte[]? ParseChecksumSha256(string header)
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
}
