using System.Diagnostics;

namespace ImageLabelsLive.LocalAws.Tests.S3;

/// <summary>
/// The real AWS CLI v2 from Debian's awscli package (/usr/bin/aws; the pyenv `aws` on PATH is v1), run with throwaway
/// settings so nothing from the machine's AWS configuration leaks in.
/// </summary>
internal static class AwsCli
{
    public const string Path = "/usr/bin/aws";

    public static bool IsInstalled => File.Exists(Path);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string accessKeyId, string secretAccessKey, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = secretAccessKey;
        start.Environment.Remove("AWS_SESSION_TOKEN");
        start.Environment.Remove("AWS_PROFILE");
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_PAGER"] = string.Empty;
        start.Environment["AWS_DEFAULT_OUTPUT"] = "json";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The AWS CLI did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}

/// <summary>A fact that runs the real AWS CLI; skipped, saying how to get it, where it is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (!AwsCli.IsInstalled)
        {
            Skip = $"The AWS CLI v2 is not installed at {AwsCli.Path} (apt-get install -y awscli); this test drives it against the stand-in.";
        }
    }
}
