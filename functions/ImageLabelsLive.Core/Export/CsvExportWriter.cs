using System.Globalization;
using System.Text;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Web;

namespace ImageLabelsLive.Core.Export;

/// <summary>
/// The CSV export: one row per image and label (one row with an empty label for an image without labels), RFC 4180
/// quoting and CRLF line ends, UTF-8 without BOM, parents joined by "|", confidence with one decimal, instances counted,
/// and no field a spreadsheet would run as a formula (<see cref="Defuse"/>).
/// </summary>
public sealed class CsvExportWriter(Stream output) : IExportWriter
{
    public const string Header = "imageId,fileName,status,label,confidence,parents,instances,createdAt,updatedAt";

    /// <summary>What a spreadsheet reads as the start of a formula.</summary>
    private const string FormulaStarts = "=+-@\t\r";

    private readonly StreamWriter writer = new(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };

    public async Task BeginAsync(string feedId, DateTimeOffset exportedAt, CancellationToken cancellationToken) =>
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken).ConfigureAwait(false);

    public async Task WriteAsync(ImageRecord image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Labels.Count == 0)
        {
            await writer.WriteLineAsync(Row(image, null).AsMemory(), cancellationToken).ConfigureAwait(false);
            return;
        }
        foreach (var label in image.Labels)
        {
            await writer.WriteLineAsync(Row(image, label).AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task EndAsync(CancellationToken cancellationToken) => await writer.FlushAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => writer.DisposeAsync();

    public static string Row(ImageRecord image, Label? label)
    {
        ArgumentNullException.ThrowIfNull(image);
        string[] fields =
        [
            image.ImageId,
            image.FileName,
            image.Status.ToWire(),
            label?.Name ?? "",
            label is null ? "" : label.Confidence.ToString("F1", CultureInfo.InvariantCulture),
            label is null ? "" : string.Join('|', label.Parents),
            label is null ? "" : label.Instances.Count.ToString(CultureInfo.InvariantCulture),
            UtcTimestampConverter.ToText(image.CreatedAt),
            UtcTimestampConverter.ToText(image.UpdatedAt),
        ];
        return string.Join(',', fields.Select(field => Quote(Defuse(field))));
    }

    /// <summary>
    /// A field that begins with =, +, -, @, a tab or a carriage return gets a leading apostrophe, OWASP's defence
    /// against CSV injection: anyone who knows a feed's id can name an upload "=HYPERLINK(…)", and a spreadsheet would
    /// run that for whoever opens the export. With the apostrophe it shows the name as text.
    /// </summary>
    public static string Defuse(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Length > 0 && FormulaStarts.Contains(field[0]) ? "'" + field : field;
    }

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled.</summary>
    public static string Quote(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
