namespace ImageLabelsLive.LocalAws.S3;

/// <summary>One page of a listing, and the last entry it holds (the next page starts after it).</summary>
internal sealed record S3ListPage(IReadOnlyList<S3ObjectInfo> Objects, IReadOnlyList<string> CommonPrefixes, bool IsTruncated, string? Last);
