namespace ImageLabelsLive.Infra;

/// <summary>Where the app finds the functions project and the built frontend, relative to the repository root.</summary>
internal sealed class RepositoryLayout
{
    private RepositoryLayout(string root) => Root = root;

    public string Root { get; }

    public string FunctionsProject => Path.Combine(Root, "functions", "ImageLabelsLive.Functions", "ImageLabelsLive.Functions.csproj");

    public string FrontendDist => Path.Combine(Root, "frontend", "dist");

    /// <summary>Publish output of the functions when the app builds them itself; git-ignored by infra/aws/.gitignore.</summary>
    public string FunctionsBuildOutput => Path.Combine(Root, "infra", "aws", ".build", "functions");

    /// <summary>Walks up from <paramref name="start"/> to the folder that holds both functions/ and infra/aws/.</summary>
    public static RepositoryLayout Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "functions")) && Directory.Exists(Path.Combine(dir.FullName, "infra", "aws")))
            {
                return new RepositoryLayout(dir.FullName);
            }
        }

        throw new InvalidOperationException($"No repository root (a folder with functions/ and infra/aws/) above {start}.");
    }
}
