using ImageLabelsLive.LocalAws.Signing;
using Microsoft.AspNetCore.Http;

namespace ImageLabelsLive.LocalAws.S3;

/// <summary>One request on its way to an operation: what it names, who sent it, and the ids its answer carries.</summary>
internal sealed record S3Call(HttpContext Http, SigV4Request Wire, string Bucket, string Key, S3Caller Caller, string RequestId, string HostId);
