using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Testing.Fakes;

/// <summary>Uploaded objects by key: the bytes a ranged GET would return.</summary>
public sealed class InMemoryObjects : IUploadedObjects
{
    public Dictionary<string, byte[]> Objects { get; } = new(StringComparer.Ordinal);

    public Task<byte[]> ReadPrefixAsync(string bucket, string key, int count, CancellationToken cancellationToken) =>
        Objects.TryGetValue(key, out var bytes)
            ? Task.FromResult(bytes[..Math.Min(count, bytes.Length)])
            : throw new FileNotFoundException(key);

    /// <summary>When every object was stored, as S3's Last-Modified says.</summary>
    public DateTimeOffset StoredAt { get; set; } = Samples.Start;

    public Task<ArrivedObject?> FindAsync(string bucket, string key, CancellationToken cancellationToken) =>
        Task.FromResult(Objects.TryGetValue(key, out var bytes) ? new ArrivedObject(bytes.Length, StoredAt) : null);
}

/// <summary>A detector that answers with given labels, rejects, or throws a transient error.</summary>
public sealed class ScriptedDetector : ILabelDetector
{
    public IReadOnlyList<Label> Labels { get; set; } = [];
    public ImageError? Rejection { get; set; }
    public Exception? TransientFailure { get; set; }
    public int Calls { get; private set; }

    public Task<IReadOnlyList<Label>> DetectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        Calls++;
        if (TransientFailure is not null)
        {
            throw TransientFailure;
        }
        if (Rejection is not null)
        {
            throw new ImageRejectedException(Rejection);
        }
        return Task.FromResult(Labels);
    }
}

public sealed class RecordingPublisher : INotificationPublisher
{
    public List<Notification> Published { get; } = [];
    public Exception? Failure { get; set; }

    public Task PublishAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (Failure is not null)
        {
            throw Failure;
        }
        Published.Add(notification);
        return Task.CompletedTask;
    }
}

public sealed class FixedSigner : IUploadUrlSigner, IImageUrlSigner
{
    public Uri SignPut(string objectKey, string contentType, DateTimeOffset expiresAt, string? sha256 = null) =>
        new($"https://bucket.example/{objectKey}?type={Uri.EscapeDataString(contentType)}&expires={expiresAt.ToUnixTimeSeconds()}"
            + (sha256 is null ? "" : "&sha256=" + Uri.EscapeDataString(sha256)));

    public Uri SignGet(string objectKey, DateTimeOffset expiresAt) =>
        new($"https://bucket.example/{objectKey}?get&expires={expiresAt.ToUnixTimeSeconds()}");
}

public static class Samples
{
    public const string FeedId = "AAAAAAAAAAAAAAAAAAAAAA";
    public const string OtherFeedId = "BBBBBBBBBBBBBBBBBBBBBB";
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    public static byte[] PngBytes(int length = 64)
    {
        var bytes = new byte[length];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }

    public static ImageRecord Record(ImageStatus status = ImageStatus.Uploading, string? imageId = null, string feedId = FeedId, long size = 64) => new()
    {
        ImageId = imageId ?? ImageIds.New(),
        FeedId = feedId,
        FileName = "cat.png",
        ContentType = "image/png",
        Size = size,
        Status = status,
        CreatedAt = Start,
        UpdatedAt = Start,
    };

    public static Label Cat { get; } = new("Cat", 91.5, ["Pet", "Animal", "Mammal"], [new LabelInstance(91.5, new BoundingBox(0.1, 0.2, 0.5, 0.6))]);
}
