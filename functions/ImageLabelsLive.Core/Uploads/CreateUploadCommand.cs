namespace ImageLabelsLive.Core.Uploads;

/// <summary>The body of POST /uploads, as the client sent it (nothing trusted yet).</summary>
public sealed record CreateUploadCommand(string? FeedId, string? FileName, string? ContentType, long? Size, string? Sha256 = null);

/// <summary>What the client needs to PUT the bytes: the URL, exactly these headers, and until when.</summary>
public sealed record CreateUploadResult(string ImageId, Uri UploadUrl, IReadOnlyDictionary<string, string> UploadHeaders, DateTimeOffset ExpiresAt);

/// <summary>200: the feed already holds these bytes, so nothing is created and nothing needs uploading.</summary>
public sealed record DuplicateUploadResult(string DuplicateOf, ImageLabelsLive.Core.Images.ImageRecord Image);
