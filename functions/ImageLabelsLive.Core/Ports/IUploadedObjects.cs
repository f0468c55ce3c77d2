namespace ImageLabelsLive.Core.Ports;

/// <summary>Where uploaded bytes are read back (the upload bucket).</summary>
public interface IUploadedObjects
{
    /// <summary>The object's first <paramref name="count"/> bytes (fewer if it is shorter), with a ranged read.</summary>
    Task<byte[]> ReadPrefixAsync(string bucket, string key, int count, CancellationToken cancellationToken);

    /// <summary>The object's size and arrival, or null when there is no such object (its bytes never arrived).</summary>
    Task<ArrivedObject?> FindAsync(string bucket, string key, CancellationToken cancellationToken);
}
