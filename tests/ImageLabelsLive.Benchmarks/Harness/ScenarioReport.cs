using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>One goal the README's benchmark table states, as measured: met or not, and by how far.</summary>
internal sealed record GoalCheck(string Goal, string Measured, bool Met, string Distance);

/// <summary>
/// What one scenario found: its tables (printed and stored), goals, structured figures for latest.json,
/// and the machine's load around it.
/// </summary>
internal sealed class ScenarioReport(string name, string title)
{
    private readonly List<(string Title, TextTable Table)> tables = [];
    private readonly List<GoalCheck> goals = [];
    private readonly List<string> notes = [];

    public string Name => name;

    public string Title => title;

    public MachineLoad LoadBefore { get; set; } = MachineLoad.Read();

    public MachineLoad? LoadAfter { get; set; }

    public TimeSpan Duration { get; set; }

    public string? Skipped { get; set; }

    public string? Error { get; set; }

    /// <summary>Scenario-specific figures in machine-readable form.</summary>
    public JsonObject Figures { get; } = [];

    public void AddTable(string tableTitle, TextTable table) => tables.Add((tableTitle, table));

    /// <summary>A "lower is better" goal: measured ≤ target.</summary>
    public void GoalAtMost(string goal, double measured, double target, string unit) =>
        goals.Add(new GoalCheck(goal, Show(measured, unit), measured <= target, measured <= target
            ? $"{Show(target - measured, unit)} to spare"
            : $"{Show(measured - target, unit)} over ({Format.Ratio(measured / target)} of the goal)"));

    /// <summary>A "higher is better" goal: measured ≥ target.</summary>
    public void GoalAtLeast(string goal, double measured, double target, string unit) =>
        goals.Add(new GoalCheck(goal, Show(measured, unit), measured >= target, measured >= target
            ? $"{Show(measured - target, unit)} to spare"
            : $"{Show(target - measured, unit)} short ({Format.Percent(measured / target)} of the goal)"));

    public void Note(string note) => notes.Add(note);

    public string Render(bool quick)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"== {title} [{name}]{(quick ? " (quick)" : "")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"load average (1/5/15 min): before {LoadBefore}, after {LoadAfter ?? MachineLoad.Read()}; {Environment.ProcessorCount} cores; took {Duration.TotalSeconds:0} s");
        if (Skipped is not null)
        {
            text.AppendLine("SKIPPED: " + Skipped);
        }
        if (Error is not null)
        {
            text.AppendLine("FAILED TO RUN: " + Error);
        }
        foreach (var (tableTitle, table) in tables)
        {
            text.AppendLine();
            text.AppendLine(tableTitle);
            text.Append(table);
        }
        if (goals.Count > 0)
        {
            text.AppendLine();
            foreach (var goal in goals)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"goal {(goal.Met ? "MET   " : "MISSED")} {goal.Goal}: {goal.Measured} ({goal.Distance})");
            }
        }
        foreach (var note in notes)
        {
            text.AppendLine("note: " + note);
        }
        return text.ToString();
    }

    public JsonObject ToJson(bool quick)
    {
        var json = new JsonObject
        {
            ["title"] = title,
            ["ranAt"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["quick"] = quick,
            ["durationSeconds"] = Math.Round(Duration.TotalSeconds, 1),
            ["cores"] = Environment.ProcessorCount,
            ["loadAverage"] = new JsonObject
            {
                ["before"] = new JsonArray(LoadBefore.One, LoadBefore.Five, LoadBefore.Fifteen),
                ["after"] = LoadAfter is { } after ? new JsonArray(after.One, after.Five, after.Fifteen) : null,
            },
        };
        if (Skipped is not null)
        {
            json["skipped"] = Skipped;
        }
        if (Error is not null)
        {
            json["error"] = Error;
        }
        json["goals"] = new JsonArray([.. goals.Select(goal => (JsonNode)new JsonObject
        {
            ["goal"] = goal.Goal,
            ["measured"] = goal.Measured,
            ["met"] = goal.Met,
            ["distance"] = goal.Distance,
        })]);
        json["tables"] = new JsonArray([.. tables.Select(entry => (JsonNode)new JsonObject
        {
            ["title"] = entry.Title,
            ["columns"] = new JsonArray([.. entry.Table.Headers.Select(header => (JsonNode)JsonValue.Create(header))]),
            ["rows"] = new JsonArray([.. entry.Table.Rows.Select(row => (JsonNode)new JsonArray([.. row.Select(cell => (JsonNode)JsonValue.Create(cell))]))]),
        })]);
        json["figures"] = Figures.DeepClone();
        json["notes"] = new JsonArray([.. notes.Select(note => (JsonNode)JsonValue.Create(note))]);
        return json;
    }

    private static string Show(double value, string unit) => unit switch
    {
        "ms" => Format.Ms(value) + " ms",
        "MB" => Format.Number(value, "0.00") + " MB",
        "x" => Format.Number(value, "0.00") + "x",
        _ => Format.Rate(value) + " " + unit,
    };
}
