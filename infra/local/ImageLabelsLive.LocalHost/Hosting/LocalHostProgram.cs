namespace ImageLabelsLive.LocalHost.Hosting;

/// <summary>Parses the command line and runs the host until Ctrl-C or SIGTERM.</summary>
public static class LocalHostProgram
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("The local host is being assembled; see README.md.");
        return Task.FromResult(args.Length == 0 ? 1 : 1);
    }
}
