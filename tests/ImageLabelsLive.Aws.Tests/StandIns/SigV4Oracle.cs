using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImageLabelsLive.Aws.Tests.StandIns;

/// <summary>
/// A test oracle for SigV4: the signature of a canonical request, computed from the specification with the BCL's
/// HMAC-SHA256. The contract tests prove it against the AWS test suite before other tests rely on it.
/// </summary>
internal static class SigV4Oracle
{
    public static string Sign(string canonicalRequest, string secretKey, string region, string service, DateTimeOffset signedAt)
    {
        var date = signedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var amzDate = signedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{date}/{region}/{service}/aws4_request\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in new[] { date, region, service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }
}
