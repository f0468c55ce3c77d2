using System.Security.Cryptography;
using System.Text.Json;
using ImageLabelsLive.LocalAws.Signing;

namespace ImageLabelsLive.LocalHost.Hosting;

/// <summary>
/// The host's key pair, kept in the data folder so that upload URLs signed before a stop or a crash still verify
/// after the restart (their expiry still applies); <c>--fresh</c> makes a new one.
/// </summary>
public static class LocalKeyPairFile
{
    public const string FileName = "local-credentials.json";

    /// <summary>The pair kept in <paramref name="dataDirectory"/>, or a new one when there is none, it is unreadable, or <paramref name="fresh"/>.</summary>
    public static SigV4KeyPair LoadOrCreate(string dataDirectory, bool fresh)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!fresh && File.Exists(path))
        {
            try
            {
                var kept = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path));
                if (kept is not null && kept.TryGetValue("accessKeyId", out var id) && kept.TryGetValue("secretAccessKey", out var secret)
                    && !string.IsNullOrWhiteSpace(id) && !string.IsNullOrWhiteSpace(secret))
                {
                    return new SigV4KeyPair(id, secret);
                }
            }
            catch (JsonException)
            {
                // A damaged file only costs the URLs signed before the restart: a new pair replaces it.
            }
        }
        return new SigV4KeyPair(
            "AKIALOCAL" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)));
    }

    /// <summary>Writes the pair (readable by its owner only), replacing whatever was kept.</summary>
    public static void Save(string dataDirectory, SigV4KeyPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["accessKeyId"] = pair.AccessKeyId,
            ["secretAccessKey"] = pair.SecretAccessKey,
        }));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
