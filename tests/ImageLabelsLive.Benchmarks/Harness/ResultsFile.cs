using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>
/// results/latest.json: the latest figures of every scenario. A run of some scenarios replaces only theirs,
/// so the file always holds one full set.
/// </summary>
internal static class ResultsFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Merge(string path, IEnumerable<(ScenarioReport Report, bool Quick)> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var root = Read(path);
        var scenarios = root["scenarios"] as JsonObject ?? [];
        root["scenarios"] = scenarios;
        foreach (var (report, quick) in reports)
        {
            scenarios[report.Name] = report.ToJson(quick);
        }
        root["updatedAt"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        root["machine"] = new JsonObject
        {
            ["cores"] = Environment.ProcessorCount,
            ["os"] = RuntimeInformation.OSDescription,
            ["architecture"] = RuntimeInformation.OSArchitecture.ToString(),
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["note"] = "a 2-core machine shared with other work while these ran: read every figure beside its loadAverage",
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, root.ToJsonString(Indented) + "\n");
    }

    private static JsonObject Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            // A hand-damaged file is replaced rather than blocking the run.
            return [];
        }
    }
}
