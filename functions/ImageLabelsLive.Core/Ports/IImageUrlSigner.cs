namespace ImageLabelsLive.Core.Ports;

/// <summary>Presigns a GET of one stored image, valid until <paramref name="expiresAt"/>.</summary>
public interface IImageUrlSigner
{
    Uri SignGet(string objectKey, DateTimeOffset expiresAt);
}
