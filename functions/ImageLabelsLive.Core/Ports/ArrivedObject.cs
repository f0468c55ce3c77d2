namespace ImageLabelsLive.Core.Ports;

/// <summary>An object found in the upload bucket: its size, and when it was stored (S3's Last-Modified).</summary>
public sealed record ArrivedObject(long Size, DateTimeOffset ArrivedAt);
