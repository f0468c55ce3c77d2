using System.Diagnostics;

namespace ImageLabelsLive.Infra;

/// <summary>
/// Produces the Lambda code asset: <c>dotnet publish</c> of ImageLabelsLive.Functions, framework-dependent because
/// Lambda's managed dotnet10 runtime supplies the framework, and portable (no runtime identifier): the functions are
/// managed code only, so one output runs on arm64 as on x86_64, and a RID-specific publish of these projects
/// (IsAotCompatible) would need runtime packs that not every NuGet source carries.
/// </summary>
internal static class FunctionsPublisher
{
    public const string AssemblyFileName = "ImageLabelsLive.Functions.dll";

    public static string Publish(string projectPath, string outputDirectory, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!File.Exists(projectPath))
        {
            throw new FileNotFoundException($"The functions project is missing; build it or pass -c {InfraSettings.FunctionsPathKey}=<published folder>.", projectPath);
        }

        // A stale file from an earlier publish would otherwise ride along in the asset.
        if (Directory.Exists(outputDirectory))
        {
            Directory.Delete(outputDirectory, recursive: true);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "publish", projectPath, "--configuration", "Release", "--output", outputDirectory, "--nologo",
        })
        {
            start.ArgumentList.Add(argument);
        }

        log.WriteLine($"Publishing {Path.GetFileName(projectPath)} to {outputDirectory} ...");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed with exit code {process.ExitCode}:{Environment.NewLine}{stdout.Result}{stderr.Result}");
        }

        return Validate(outputDirectory);
    }

    /// <summary>Fails early, at synth, when a folder is not a publish output of the functions.</summary>
    public static string Validate(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!File.Exists(Path.Combine(full, AssemblyFileName)))
        {
            throw new ArgumentException($"'{full}' does not contain {AssemblyFileName}; it must be the publish output of ImageLabelsLive.Functions.");
        }

        return full;
    }
}
