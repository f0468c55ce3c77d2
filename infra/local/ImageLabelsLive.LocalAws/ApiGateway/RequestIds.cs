using System.Security.Cryptography;

namespace ImageLabelsLive.LocalAws.ApiGateway;

/// <summary>Request and connection ids shaped like API Gateway's.</summary>
internal static class RequestIds
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', '_').Replace('+', '-');
}
