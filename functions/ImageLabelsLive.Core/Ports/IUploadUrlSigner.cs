namespace ImageLabelsLive.Core.Ports;

/// <summary>
/// Presigns a PUT of one object, with its Content-Type signed, valid until <paramref name="expiresAt"/>. With
/// <paramref name="sha256"/> (base64) the x-amz-checksum-sha256 header is signed too, so S3 refuses any other bytes.
/// </summary>
public interface IUploadUrlSigner
{
    Uri SignPut(string objectKey, string contentType, DateTimeOffset expiresAt, string? sha256 = null);
}
