using System.Globalization;

namespace ImageLabelsLive.LocalHost.Hosting;

/// <summary>The command line: ./run.sh [--port N] [--fresh] [--data DIR].</summary>
public sealed record LocalHostOptions(int Port, bool Fresh, string? DataDirectory, bool ShowHelp)
{
    public const string Usage = """
        Usage: ./run.sh [--port N] [--fresh] [--data DIR]
          --port N     port on 127.0.0.1 for the app and every local AWS endpoint (default 8080)
          --fresh      start with an empty data folder (deletes the feeds, images and tables kept there;
                       refuses a folder this app did not make)
          --data DIR   the data folder (default .local-data/ in the repository)
        """;

    /// <summary>Parses the arguments; a mistake throws with a message that says what to type instead.</summary>
    public static LocalHostOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LocalHostOptions(8080, false, null, false);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Count:
                    options = options with { Port = ParsePort(args[++i]) };
                    break;
                case "--fresh":
                    options = options with { Fresh = true };
                    break;
                case "--data" when i + 1 < args.Count:
                    options = options with { DataDirectory = args[++i] };
                    break;
                case "--help" or "-h":
                    options = options with { ShowHelp = true };
                    break;
                default:
                    throw new ArgumentException($"Unknown or incomplete option '{args[i]}'.\n{Usage}");
            }
        }
        return options;
    }

    private static int ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new ArgumentException($"--port takes a number from 1 to 65535, not '{text}'.");
}
