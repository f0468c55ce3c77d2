using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>DeleteObject: signed requests only; deleting a missing key succeeds, as in S3.</summary>
internal sealed class S3DeleteObject(S3ObjectStore store)
{
    public void Handle(S3Call call)
    {
        if (call.Caller.Authorization is null)
        {
            throw new S3ErrorException(S3Error.AccessDenied("Access Denied: an object can only be deleted with a signed request."));
        }
        store.Delete(call.Bucket, call.Key);
        call.Http.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
