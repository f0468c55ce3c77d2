using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ImageLabelsLive.LocalAws.SimpleNotificationService;

/// <summary>One message attribute: its data type (String, Number, Binary, optionally with a ".custom" suffix) and value.</summary>
internal sealed record SnsMessageAttribute(string Name, string DataType, string Value);

/// <summary>A Publish call's parameters, validated as SNS validates them.</summary>
internal sealed record SnsPublishRequest(string TopicArn, string Message, string? Subject, IReadOnlyList<SnsMessageAttribute> MessageAttributes)
{
    /// <summary>SNS's limit on a message (256 KiB).</summary>
    public const int MaxMessageBytes = 256 * 1024;

    private const int MaxSubjectLength = 100;
    private const int MaxAttributes = 10;

    /// <exception cref="SnsErrorException">A parameter is missing or invalid.</exception>
    public static SnsPublishRequest Parse(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        string? Get(string name) => parameters.LastOrDefault(p => p.Key == name).Value;

        if (Get("PhoneNumber") is { Length: > 0 })
        {
            throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: PhoneNumber Reason: this local SNS delivers to topics' email subscribers only"));
        }
        var topicArn = Get("TopicArn") is { Length: > 0 } topic ? topic : Get("TargetArn");
        if (string.IsNullOrEmpty(topicArn))
        {
            throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter"));
        }
        var message = Get("Message");
        if (string.IsNullOrEmpty(message))
        {
            throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: Empty message"));
        }
        if (Encoding.UTF8.GetByteCount(message) > MaxMessageBytes)
        {
            throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: Message too long"));
        }
        if (Get("MessageStructure") is { Length: > 0 } structure)
        {
            message = EmailMessageFromStructure(structure, message);
        }
        var subject = Get("Subject");
        if (subject is not null && (subject.Length is 0 or > MaxSubjectLength || subject.Any(c => c is < ' ' or > '~')))
        {
            throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: Subject"));
        }
        return new SnsPublishRequest(topicArn, message, subject, ParseAttributes(parameters));
    }

    /// <summary>MessageStructure=json: a JSON object of per-protocol messages; email gets "email", else "default".</summary>
    private static string EmailMessageFromStructure(string structure, string message)
    {
        if (structure != "json")
        {
            throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: MessageStructure"));
        }
        try
        {
            using var document = JsonDocument.Parse(message);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("default", out var fallback)
                || fallback.ValueKind != JsonValueKind.String)
            {
                throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: Message Structure - No default entry in JSON message body"));
            }
            return document.RootElement.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String
                ? email.GetString()!
                : fallback.GetString()!;
        }
        catch (JsonException)
        {
            throw new SnsErrorException(SnsError.InvalidParameter("Invalid parameter: Message Structure - JSON message body failed to parse"));
        }
    }

    /// <summary>MessageAttributes.entry.N.Name, .Value.DataType, .Value.StringValue or .Value.BinaryValue.</summary>
    private static List<SnsMessageAttribute> ParseAttributes(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        const string prefix = "MessageAttributes.entry.";
        var entries = new SortedDictionary<int, Dictionary<string, string>>();
        foreach (var (key, value) in parameters)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            var rest = key[prefix.Length..];
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || !int.TryParse(rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                throw new SnsErrorException(SnsError.InvalidParameter($"Invalid parameter: {key}"));
            }
            if (!entries.TryGetValue(index, out var fields))
            {
                fields = new Dictionary<string, string>(StringComparer.Ordinal);
                entries[index] = fields;
            }
            fields[rest[(dot + 1)..]] = value;
        }
        if (entries.Count > MaxAttributes)
        {
            throw new SnsErrorException(SnsError.InvalidParameterValue($"Number of message attributes [{entries.Count}] exceeds the allowed maximum [{MaxAttributes}]."));
        }
        var attributes = new List<SnsMessageAttribute>(entries.Count);
        foreach (var fields in entries.Values)
        {
            var name = fields.GetValueOrDefault("Name");
            if (string.IsNullOrEmpty(name) || name.Length > 256 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
                || name.StartsWith('.') || name.EndsWith('.') || name.StartsWith("AWS.", StringComparison.OrdinalIgnoreCase))
            {
                throw new SnsErrorException(SnsError.InvalidParameterValue($"Message attribute name '{name}' is not valid."));
            }
            var dataType = fields.GetValueOrDefault("Value.DataType");
            if (string.IsNullOrEmpty(dataType))
            {
                throw new SnsErrorException(SnsError.InvalidParameterValue($"The message attribute '{name}' must contain non-empty message attribute type."));
            }
            var baseType = dataType.Split('.')[0];
            var value = baseType switch
            {
                "String" or "Number" => fields.GetValueOrDefault("Value.StringValue"),
                "Binary" => fields.GetValueOrDefault("Value.BinaryValue"),
                _ => throw new SnsErrorException(SnsError.InvalidParameterValue($"The message attribute '{name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.")),
            };
            if (string.IsNullOrEmpty(value))
            {
                throw new SnsErrorException(SnsError.InvalidParameterValue($"The message attribute '{name}' must contain non-empty message attribute value for message attribute type '{baseType}'."));
            }
            if (baseType == "Number" && !decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                throw new SnsErrorException(SnsError.InvalidParameterValue($"Could not cast message attribute '{name}' value to number."));
            }
            attributes.Add(new SnsMessageAttribute(name, dataType, value));
        }
        return attributes;
    }
}
