namespace ImageLabelsLive.LocalAws.AwsProtocols;

/// <summary>
/// An AWS error answer, whatever protocol carries it: the HTTP status, the error code clients map to an exception,
/// its message, and the extra named values some codes carry (S3's BucketName, Key, …). Each protocol keeps only its
/// serializer: S3's XML (<c>S3ErrorXml</c>), SNS's Query XML (<c>SnsErrorXml</c>), the management API's JSON.
/// </summary>
internal sealed record AwsProtocolError(int Status, string Code, string? Message, IReadOnlyList<KeyValuePair<string, string>>? Details = null);
