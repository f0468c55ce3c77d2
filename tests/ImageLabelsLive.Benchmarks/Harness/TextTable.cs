using System.Text;

namespace ImageLabelsLive.Benchmarks.Harness;

/// <summary>A plain aligned table for the console; the same rows go into latest.json.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> rows = [];

    public IReadOnlyList<string> Headers => headers;

    public IReadOnlyList<string[]> Rows => rows;

    public void Add(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"A row has {cells.Length} cells; the table has {headers.Length} columns.", nameof(cells));
        }
        rows.Add(cells);
    }

    public override string ToString()
    {
        var widths = headers.Select((header, column) => rows.Select(row => row[column].Length).Prepend(header.Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells)
        {
            for (var column = 0; column < cells.Count; column++)
            {
                // The first column is a name, the rest are figures: figures line up on the right.
                text.Append(column == 0 ? cells[column].PadRight(widths[column]) : cells[column].PadLeft(widths[column]));
                text.Append(column + 1 < cells.Count ? "  " : "");
            }
            text.AppendLine();
        }
        Line(headers);
        Line(widths.Select(width => new string('-', width)).ToArray());
        foreach (var row in rows)
        {
            Line(row);
        }
        return text.ToString();
    }
}
