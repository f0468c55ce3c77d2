namespace ImageLabelsLive.Core.Images;

/// <summary>Why an image failed, or why a request was refused: a stable code and a sentence a person can act on.</summary>
public sealed record ImageError(string Code, string Message);
