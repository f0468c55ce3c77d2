using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Functions.Hosting;

/// <summary>One stream record read as image records: what it was and what it is now (either may be absent).</summary>
public sealed record ImageChange(ImageRecord? OldImage, ImageRecord? NewImage);
