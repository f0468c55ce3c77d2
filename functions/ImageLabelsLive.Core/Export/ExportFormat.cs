namespace ImageLabelsLive.Core.Export;

/// <summary>What GET /feeds/{feedId}/export?format= can produce.</summary>
public sealed record ExportFormat(string Name, string ContentType, string Extension)
{
    public static ExportFormat Csv { get; } = new("csv", "text/csv; charset=utf-8", "csv");

    public static ExportFormat Json { get; } = new("json", "application/json; charset=utf-8", "json");

    public static ExportFormat? Parse(string? name) => name switch
    {
        "csv" => Csv,
        "json" => Json,
        _ => null,
    };
}
