namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>What every scenario gets: where things are, whether this is a quick run, and where to print.</summary>
internal sealed class BenchmarkContext : IAsyncDisposable
{
    private LocalHostProcess? host;

    public BenchmarkContext(bool quick, TextWriter output)
    {
        Quick = quick;
        Output = output;
        RepositoryRoot = FindRepositoryRoot();
        BenchmarkDirectory = Path.Combine(RepositoryRoot, "tests", "ImageLabelsLive.Benchmarks");
        WorkDirectory = Path.Combine(BenchmarkDirectory, "bin", "work");
        var configured = Environment.GetEnvironmentVariable("ILL_SHARED_DIR");
        var shared = string.IsNullOrWhiteSpace(configured) ? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared")) : Path.GetFullPath(configured);
        SharedDirectory = Directory.Exists(shared) ? shared : null;
    }

    public bool Quick { get; }

    public TextWriter Output { get; }

    public string RepositoryRoot { get; }

    /// <summary>tests/ImageLabelsLive.Benchmarks; results/ lives here.</summary>
    public string BenchmarkDirectory { get; }

    /// <summary>Scratch space under the project's bin/ (git-ignored): publish outputs, temporary data.</summary>
    public string WorkDirectory { get; }

    /// <summary>../shared (ILL_SHARED_DIR), or null on a clone without it.</summary>
    public string? SharedDirectory { get; }

    public string ResultsDirectory => Path.Combine(BenchmarkDirectory, "results");

    /// <summary>The local stack, started on first use and shared by the scenarios that need it.</summary>
    public async Task<LocalHostProcess> LocalHostAsync(CancellationToken cancellationToken) =>
        host ??= await LocalHostProcess.StartAsync(this, cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            Progress("stopping the local host");
            await host.DisposeAsync().ConfigureAwait(false);
            host = null;
        }
    }

    public void Progress(string message) => Output.WriteLine($"  [{DateTime.Now:HH:mm:ss}] {message}");

    private static string FindRepositoryRoot()
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
