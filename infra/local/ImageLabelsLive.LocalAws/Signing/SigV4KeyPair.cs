namespace ImageLabelsLive.LocalAws.Signing;

/// <summary>The one local access key pair whose signatures the stand-ins verify.</summary>
public sealed record SigV4KeyPair
{
    public SigV4KeyPair(string accessKeyId, string secretAccessKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(secretAccessKey);
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
    }

    public string AccessKeyId { get; }

    public string SecretAccessKey { get; }

    /// <summary>Keeps the secret out of logs and exception messages.</summary>
    public override string ToString() => $"SigV4KeyPair {{ AccessKeyId = {AccessKeyId} }}";
}
