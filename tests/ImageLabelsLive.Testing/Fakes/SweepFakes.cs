using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;
using ImageLabelsLive.Core.Sweeping;
using Microsoft.Extensions.Time.Testing;

namespace ImageLabelsLive.Testing.Fakes;

/// <summary>
/// The sweeper's world, faked as its handler and function tests both need it: an image store with its stale-image
/// index, a recording re-drive, a clock at <see cref="Samples.Start"/> and the sweep's settings.
/// </summary>
public sealed class SweepFakes
{
    public SweepFakes()
    {
        Stale = new InMemoryStaleImages(Images);
    }

    public static SweepSettings Settings { get; } = new(
        UploadUrlLifetime: TimeSpan.FromMinutes(5), ProcessorTimeout: TimeSpan.FromMinutes(2), Grace: TimeSpan.FromMinutes(1));

    public InMemoryImageStore Images { get; } = new();

    public RecordingRedrive Redrive { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Samples.Start);

    public InMemoryStaleImages Stale { get; }

    /// <summary>The handler over these fakes; <paramref name="redrive"/> replaces the recording one.</summary>
    public SweepStaleImagesHandler Handler(IProcessingRedrive? redrive = null) => new(Stale, Images, redrive ?? Redrive, Settings, Clock);

    /// <summary>A sample record in <paramref name="status"/>, stored now.</summary>
    public async Task<ImageRecord> StoredAsync(ImageStatus status)
    {
        var record = Samples.Record(status);
        await Images.CreateAsync(record, default);
        return record;
    }
}
