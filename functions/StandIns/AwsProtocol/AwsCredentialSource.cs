using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace ImageLabelsLive.Aws.AwsProtocol;

/// <summary>
/// The credentials a client signs with: the ones it was given, else the SDK's default chain (environment
/// variables, profile, web identity, container, instance), resolved on first use rather than at construction
/// so building a client never blocks or fails. The resolved object refreshes itself when it is temporary.
/// </summary>
internal sealed class AwsCredentialSource(AWSCredentials? credentials)
{
    private static readonly Lazy<DefaultAWSCredentialsIdentityResolver> DefaultChain = new(() => new DefaultAWSCredentialsIdentityResolver());

    private AWSCredentials? resolved = credentials;

    public ValueTask<AWSCredentials> GetAsync(CancellationToken cancellationToken) =>
        resolved is { } known ? ValueTask.FromResult(known) : ResolveAsync(cancellationToken);

    private async ValueTask<AWSCredentials> ResolveAsync(CancellationToken cancellationToken)
    {
        // Two first requests racing both resolve; the chain caches, so that costs nothing but a lookup.
        var found = await DefaultChain.Value.ResolveIdentityAsync(null, cancellationToken).ConfigureAwait(false);
        resolved = found;
        return found;
    }
}
