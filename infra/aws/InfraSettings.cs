using System.Globalization;
using Constructs;

namespace ImageLabelsLive.Infra;

/// <summary>
/// The deploy-time choices, read from CDK context (<c>cdk deploy -c key=value</c> or cdk.json).
/// Values from the command line arrive as strings, values from cdk.json as JSON types: both are accepted.
/// </summary>
internal sealed record InfraSettings
{
    public const string NotifyEmailsKey = "notifyEmails";
    public const string FunctionsPathKey = "functionsPath";
    public const string FrontendDistPathKey = "frontendDistPath";
    public const string AllowLocalhostKey = "allowLocalhost";
    public const string UploadExpirationDaysKey = "uploadExpirationDays";
    public const string MinConfidenceKey = "minConfidence";
    public const string MaxLabelsKey = "maxLabels";
    public const string AnalyzeLabelsKey = "analyzeLabels";
    public const string AnalyzeFacesKey = "analyzeFaces";
    public const string AnalyzeTextKey = "analyzeText";
    public const string AnalyzeModerationKey = "analyzeModeration";
    public const string AnalyzeImagePropertiesKey = "analyzeImageProperties";

    /// <summary>Origins of the local host (run.sh) and of Vite's dev server, allowed only when asked for.</summary>
    public static readonly IReadOnlyList<string> LocalhostOrigins = ["http://localhost:8080", "http://localhost:5173"];

    /// <summary>Addresses that receive each image's result by email (and the stack's alarms).</summary>
    public IReadOnlyList<string> NotifyEmails { get; init; } = [];

    /// <summary>A folder with the published ImageLabelsLive.Functions output; null means the app publishes it.</summary>
    public string? FunctionsPath { get; init; }

    /// <summary>The built frontend; null means frontend/dist in the repository.</summary>
    public string? FrontendDistPath { get; init; }

    public bool AllowLocalhost { get; init; }

    public int UploadExpirationDays { get; init; } = 7;

    public int MinConfidence { get; init; } = 70;

    public int MaxLabels { get; init; } = 10;

    /// <summary>Which analyses ProcessImage asks Rekognition for (each on by default); an analysis that is off also loses its IAM permission.</summary>
    public bool AnalyzeLabels { get; init; } = true;

    public bool AnalyzeFaces { get; init; } = true;

    public bool AnalyzeText { get; init; } = true;

    public bool AnalyzeModeration { get; init; } = true;

    public bool AnalyzeImageProperties { get; init; } = true;

    public static InfraSettings FromContext(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return FromValues(key => node.TryGetContext(key));
    }

    /// <summary>Parses raw context values; an invalid value fails synthesis with a message naming the key.</summary>
    public static InfraSettings FromValues(Func<string, object?> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var defaults = new InfraSettings();
        return new InfraSettings
        {
            NotifyEmails = ParseEmails(Text(context, NotifyEmailsKey)),
            FunctionsPath = Text(context, FunctionsPathKey),
            FrontendDistPath = Text(context, FrontendDistPathKey),
            AllowLocalhost = ParseBool(AllowLocalhostKey, Text(context, AllowLocalhostKey)) ?? defaults.AllowLocalhost,
            UploadExpirationDays = ParseInt(UploadExpirationDaysKey, Text(context, UploadExpirationDaysKey), 1, 3650) ?? defaults.UploadExpirationDays,
            MinConfidence = ParseInt(MinConfidenceKey, Text(context, MinConfidenceKey), 0, 100) ?? defaults.MinConfidence,
            MaxLabels = ParseInt(MaxLabelsKey, Text(context, MaxLabelsKey), 1, 1000) ?? defaults.MaxLabels,
            AnalyzeLabels = ParseBool(AnalyzeLabelsKey, Text(context, AnalyzeLabelsKey)) ?? defaults.AnalyzeLabels,
            AnalyzeFaces = ParseBool(AnalyzeFacesKey, Text(context, AnalyzeFacesKey)) ?? defaults.AnalyzeFaces,
            AnalyzeText = ParseBool(AnalyzeTextKey, Text(context, AnalyzeTextKey)) ?? defaults.AnalyzeText,
            AnalyzeModeration = ParseBool(AnalyzeModerationKey, Text(context, AnalyzeModerationKey)) ?? defaults.AnalyzeModeration,
            AnalyzeImageProperties = ParseBool(AnalyzeImagePropertiesKey, Text(context, AnalyzeImagePropertiesKey)) ?? defaults.AnalyzeImageProperties,
        };
    }

    private static string? Text(Func<string, object?> context, string key)
    {
        var text = Convert.ToString(context(key), CultureInfo.InvariantCulture)?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static List<string> ParseEmails(string? text)
    {
        if (text is null)
        {
            return [];
        }

        var emails = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var email in emails)
        {
            var at = email.IndexOf('@', StringComparison.Ordinal);
            if (at <= 0 || at == email.Length - 1 || email.Any(char.IsWhiteSpace) || email.IndexOf('@', at + 1) >= 0)
            {
                throw new ArgumentException($"Context '{NotifyEmailsKey}': '{email}' is not an email address (expected a comma-separated list).");
            }
        }

        return emails.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static bool? ParseBool(string key, string? text) => text?.ToUpperInvariant() switch
    {
        null => null,
        "TRUE" or "1" or "YES" => true,
        "FALSE" or "0" or "NO" => false,
        _ => throw new ArgumentException($"Context '{key}': '{text}' is not true or false."),
    };

    private static int? ParseInt(string key, string? text, int min, int max)
    {
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"Context '{key}': '{text}' is not a whole number from {min} to {max}.");
        }

        return value;
    }
}
