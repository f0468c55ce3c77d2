using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ImageLabelsLive.LocalHost.Hosting;

/// <summary>Parses the command line, brings the local stack up, prints where it answers, and runs until Ctrl-C or SIGTERM.</summary>
public static class LocalHostProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        LocalHostOptions options;
        try
        {
            options = LocalHostOptions.Parse(args);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return 2;
        }
        if (options.ShowHelp)
        {
            Console.WriteLine(LocalHostOptions.Usage);
            return 0;
        }

        FaultInjection faults;
        try
        {
            faults = FaultInjection.FromEnvironment(Environment.GetEnvironmentVariable);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return 2;
        }

        var repositoryRoot = RepositoryLayout.FindRoot();
        var dataDirectory = Path.GetFullPath(options.DataDirectory ?? Path.Combine(repositoryRoot, ".local-data"));
        var settings = new LocalSettings
        {
            Port = options.Port,
            RepositoryRoot = repositoryRoot,
            DataDirectory = dataDirectory,
            Credentials = LocalKeyPairFile.LoadOrCreate(dataDirectory, options.Fresh),
            Faults = faults,
        };
        var started = Stopwatch.StartNew();
        await using var stack = new LocalApp(settings, options.Fresh);
        try
        {
            await stack.StartAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or TimeoutException or InvalidOperationException)
        {
            stack.Logger.LogCritical("The local stack could not start: {Message}", exception.Message);
            return 1;
        }
        Console.WriteLine($"""

            ImageLabelsLive is running (ready in {started.Elapsed.TotalSeconds:0.0} s).
              App:      {settings.BaseUrl}
              Mailbox:  {stack.MailboxUrl}
              Health:   {settings.Endpoint("/health")}
              AWS endpoints: {settings.Endpoint("/local/endpoints")}
              Data:     {settings.DataDirectory}
            Press Ctrl-C to stop.

            """);
        await stack.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}

/// <summary>Finds the repository (for the frontend build and the sidecars) from wherever the host runs.</summary>
public static class RepositoryLayout
{
    public static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("ILL_REPO_ROOT") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ImageLabelsLive.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("Cannot find the repository (ImageLabelsLive.sln); run from inside it or set ILL_REPO_ROOT.");
    }
}
