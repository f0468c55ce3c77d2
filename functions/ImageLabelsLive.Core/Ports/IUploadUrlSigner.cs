namespace ImageLabelsLive.Core.Ports;

/// <summary>Presigns a PUT of one object, with its Content-Type signed, valid until <paramref name="expiresAt"/>.</summary>
public interface IUploadUrlSigner
{
    Uri SignPut(string objectKey, string contentType, DateTimeOffset expiresAt);
}
