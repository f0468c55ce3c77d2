namespace ImageLabelsLive.Core.Ports;

/// <summary>Writes and removals in the private bucket: deleted images' bytes and finished exports.</summary>
public interface IStoredObjects
{
    /// <summary>Removes the object; removing one that is already gone succeeds, as S3's DeleteObject does.</summary>
    Task DeleteAsync(string objectKey, CancellationToken cancellationToken);

    /// <summary>Stores a finished export file and returns a presigned GET that downloads it under <paramref name="downloadName"/>.</summary>
    Task<Uri> StoreExportAsync(string objectKey, string localPath, string contentType, string downloadName, DateTimeOffset linkExpiresAt, CancellationToken cancellationToken);
}
