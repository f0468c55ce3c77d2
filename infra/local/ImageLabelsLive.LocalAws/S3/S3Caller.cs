using ImageLabelsLive.LocalAws.Signing;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>The caller: its claimed signature (null if unsigned) and whether it was verified against the local key.</summary>
internal sealed record S3Caller(SigV4Authorization? Authorization, bool Verified);
