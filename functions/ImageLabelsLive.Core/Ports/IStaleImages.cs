using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Ports;

/// <summary>A record that is not final, and when the sweeper re-drove it (null: not yet).</summary>
public sealed record StaleImage(ImageRecord Record, DateTimeOffset? RedrivenAt);

/// <summary>The records that stopped moving: what the sweeper looks at, without scanning the table.</summary>
public interface IStaleImages
{
    /// <summary>Records in <paramref name="status"/> last updated before <paramref name="updatedBefore"/>, oldest first.</summary>
    Task<IReadOnlyList<StaleImage>> ListAsync(ImageStatus status, DateTimeOffset updatedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Notes on the record that it was re-driven, only if it is still unfinished (uploading or processing) and was never re-driven;
    /// false when another sweep got there first or the record moved on.
    /// </summary>
    Task<bool> TryMarkRedrivenAsync(string imageId, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>Runs processing again for a record that stopped moving, on the bytes in the bucket.</summary>
public interface IProcessingRedrive
{
    /// <summary>The record's object in the bucket, or null when its bytes never arrived.</summary>
    Task<ArrivedObject?> FindArrivedAsync(ImageRecord record, CancellationToken cancellationToken);

    /// <summary>Processes the record's object, of <paramref name="objectSize"/> bytes, as its ObjectCreated event would.</summary>
    Task RedriveAsync(ImageRecord record, long objectSize, CancellationToken cancellationToken);
}
