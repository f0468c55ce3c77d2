using System.Security.Cryptography;
using ImageLabelsLive.LocalAws.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>
/// The local S3, path-style under a prefix ({prefix}/{bucket}/{key}), for what the app and the AWS CLI do with it:
/// PutObject (presigned or header-signed, aws-chunked included), GetObject with Range, HeadObject, DeleteObject,
/// HeadBucket, ListBuckets and CORS preflights. Requests signed with the local key are verified; others are accepted
/// unverified, except that a presigned PUT must verify and a PUT must be signed.
/// Each request passes CORS (<see cref="S3Cors"/>), authentication (<see cref="S3CallerAuthentication"/>) and
/// routing (<see cref="S3Routing"/>) to one operation; a refusal on the way is answered as S3's XML error.
/// </summary>
public sealed class LocalS3Service
{
    private readonly S3ObjectStore store;
    private readonly S3EventNotifier notifier;
    private readonly S3Cors cors;
    private readonly S3CallerAuthentication authentication;
    private readonly S3Routing routing;
    private readonly ILogger logger;

    internal LocalS3Service(LocalS3Options options, S3ObjectStore store, S3EventNotifier notifier, TimeProvider time, ILogger<LocalS3Service> logger)
    {
        this.store = store;
        this.notifier = notifier;
        this.logger = logger;
        cors = new S3Cors(options);
        authentication = new S3CallerAuthentication(new SigV4Verifier(options.Credentials, time, options.AllowedClockSkew), time);
        routing = new S3Routing(
            store,
            new S3BucketOperations(options, store),
            new S3ListObjects(options, store),
            new S3GetObject(store),
            new S3PutObject(options, store, notifier, new S3ObjectCreatedEvents(options, time), time),
            new S3DeleteObject(store));
    }

    /// <summary>Delivers the ObjectCreated events a crash or stop left in the journal; returns how many.</summary>
    public int ReplayJournaledEvents() => notifier.ReplayJournaled();

    /// <summary>Whether no ObjectCreated event is being delivered or waiting for a retry (for a draining stop).</summary>
    public bool IsNotificationIdle => notifier.IsIdle;

    /// <summary>True when the data folder and every bucket's folder accept writes.</summary>
    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => store.IsWritableAsync(cancellationToken);

    /// <summary>Answers one request under <paramref name="pathPrefix"/>.</summary>
    public async Task HandleAsync(HttpContext context, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        var requestId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var hostId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var response = context.Response;
        response.Headers["x-amz-request-id"] = requestId;
        response.Headers["x-amz-id-2"] = hostId;
        response.Headers.Server = "AmazonS3";
        var wire = SigV4Request.FromHttpRequest(context.Request);
        try
        {
            if (!cors.Apply(context, out var preflight))
            {
                throw new S3ErrorException(S3Error.CorsNotAllowed());
            }
            if (preflight)
            {
                return;
            }
            var path = S3ResourcePath.Parse(wire.RawPath, pathPrefix);
            var caller = authentication.Authenticate(wire);
            var call = new S3Call(context, wire, path.Bucket ?? string.Empty, path.Key ?? string.Empty, caller, requestId, hostId);
            await routing.RouteAsync(path, call).ConfigureAwait(false);
        }
        catch (S3ErrorException refused)
        {
            logger.LogInformation("S3 {Method} {Path}: {Status} {Code}", wire.Method, wire.RawPath, refused.Error.Status, refused.Error.Code);
            if (!response.HasStarted)
            {
                await S3ErrorXml.WriteAsync(refused.Error, response, requestId, hostId, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
