using System.Collections.Concurrent;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Testing.Fakes;

/// <summary>The sweeper's index over an <see cref="InMemoryImageStore"/>: unfinished records by status and age, and re-drive marks.</summary>
public sealed class InMemoryStaleImages(InMemoryImageStore images) : IStaleImages
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> redriven = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<StaleImage>> ListAsync(ImageStatus status, DateTimeOffset updatedBefore, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StaleImage>>(Current()
            .Where(record => record.Status == status && record.UpdatedAt < updatedBefore)
            .OrderBy(record => record.UpdatedAt)
            .Take(limit)
            .Select(record => new StaleImage(record, redriven.TryGetValue(record.ImageId, out var at) ? at : null))
            .ToArray());

    public Task<bool> TryMarkRedrivenAsync(string imageId, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(images[imageId]?.Status is ImageStatus.Uploading or ImageStatus.Processing && redriven.TryAdd(imageId, at));

    private IEnumerable<ImageRecord> Current() =>
        images.Writes.Select(write => write.ImageId).Distinct().Select(id => images[id]!);
}

/// <summary>
/// Counts re-drives, and optionally runs one (or throws, as a failed re-drive would). A record's bytes are in the
/// bucket, at the record's size, when <see cref="Arrived"/> gives the time they were stored.
/// </summary>
public sealed class RecordingRedrive : IProcessingRedrive
{
    public List<string> Redriven { get; } = [];
    public List<long> Sizes { get; } = [];
    public Dictionary<string, DateTimeOffset> Arrived { get; } = new(StringComparer.Ordinal);
    public Func<ImageRecord, Task>? Run { get; set; }

    public Task<ArrivedObject?> FindArrivedAsync(ImageRecord record, CancellationToken cancellationToken) =>
        Task.FromResult(Arrived.TryGetValue(record.ImageId, out var storedAt) ? new ArrivedObject(record.Size, storedAt) : null);

    public Task RedriveAsync(ImageRecord record, long objectSize, CancellationToken cancellationToken)
    {
        Redriven.Add(record.ImageId);
        Sizes.Add(objectSize);
        return Run?.Invoke(record) ?? Task.CompletedTask;
    }
}
