namespace ImageLabelsLive.Testing;

/// <summary>
/// Finds ../shared (design fixtures, AWS contracts, photos) without copying it into the repository.
/// ILL_SHARED_DIR overrides the default, which is "shared" beside the repository root.
/// </summary>
public static class SharedData
{
    public static string? Directory { get; } = Locate();

    public static string SkipReason =>
        "../shared was not found beside the repository (set ILL_SHARED_DIR to its path); this test needs its fixtures.";

    public static string PathOf(params string[] parts) =>
        Path.Combine([Directory ?? throw new InvalidOperationException(SkipReason), .. parts]);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("ILL_SHARED_DIR");
        var candidate = string.IsNullOrWhiteSpace(configured)
            ? Path.GetFullPath(Path.Combine(FindRepositoryRoot(), "..", "shared"))
            : Path.GetFullPath(configured);
        return System.IO.Directory.Exists(Path.Combine(candidate, "contracts")) ? candidate : null;
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ImageLabelsLive.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("ImageLabelsLive.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that needs ../shared; it is skipped, saying so, where ../shared is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (SharedData.Directory is null)
        {
            Skip = SharedData.SkipReason;
        }
    }
}

/// <summary>A theory that needs ../shared; it is skipped, saying so, where ../shared is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute()
    {
        if (SharedData.Directory is null)
        {
            Skip = SharedData.SkipReason;
        }
    }
}
