using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>The calls on the service and on a bucket itself: ListBuckets, HeadBucket and GetBucketLocation (listing its objects is <see cref="S3ListObjects"/>).</summary>
internal sealed class S3BucketOperations(LocalS3Options options, S3ObjectStore store)
{
    public async Task ListBucketsAsync(S3Call call)
    {
        var created = Directory.GetCreationTimeUtc(options.DataDirectory).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        await S3XmlResponse.WriteAsync(call.Http.Response, xml =>
        {
            xml.WriteStartElement("ListAllMyBucketsResult", S3XmlResponse.Namespace);
            xml.WriteStartElement("Owner");
            xml.WriteElementString("ID", options.OwnerId);
            xml.WriteElementString("DisplayName", "local");
            xml.WriteEndElement();
            xml.WriteStartElement("Buckets");
            foreach (var bucket in store.Buckets.Order(StringComparer.Ordinal))
            {
                xml.WriteStartElement("Bucket");
                xml.WriteElementString("Name", bucket);
                xml.WriteElementString("CreationDate", created);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }, call.Http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>GetBucketLocation: the bucket's region, where us-east-1 is an empty constraint, as S3 answers.</summary>
    public async Task GetBucketLocationAsync(S3Call call)
    {
        if (call.Caller.Authorization is null)
        {
            throw new S3ErrorException(S3Error.AccessDenied("Access Denied"));
        }
        await S3XmlResponse.WriteAsync(call.Http.Response, xml =>
        {
            xml.WriteStartElement("LocationConstraint", S3XmlResponse.Namespace);
            xml.WriteString(options.Region == "us-east-1" ? string.Empty : options.Region);
            xml.WriteEndElement();
        }, call.Http.RequestAborted).ConfigureAwait(false);
    }

    public void HeadBucket(S3Call call)
    {
        call.Http.Response.Headers["x-amz-bucket-region"] = options.Region;
        call.Http.Response.StatusCode = StatusCodes.Status200OK;
    }
}
