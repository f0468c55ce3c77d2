using System.Net.Mail;
using System.Text.Json;
using ImageLabelsLive.Core.Feeds;
using ImageLabelsLive.Core.Images;

namespace ImageLabelsLive.Core.Subscriptions;

/// <summary>Decides whether a subscription request may go to SNS. Errors carry a code for programs and a sentence for people.</summary>
public static class SubscribeToFeedValidator
{
    /// <summary>RFC 5321's limit on a forward path.</summary>
    public const int MaxEmailLength = 254;

    /// <summary>
    /// Ten names keep the filter policy far inside SNS's limits (150 value combinations, 256 KB) and match the at most
    /// ten labels an image gets by default (MAX_LABELS).
    /// </summary>
    public const int MaxLabels = 10;

    /// <summary>Rekognition's label names are short; 100 characters bounds what a person can type.</summary>
    public const int MaxLabelLength = 100;

    public static (FeedSubscription? Subscription, ImageError? Error) Validate(string? feedId, SubscribeToFeedCommand? command)
    {
        if (!FeedId.IsValid(feedId))
        {
            return (null, FeedId.InvalidError);
        }
        if (command is null)
        {
            return (null, new ImageError("InvalidRequest", "Send a JSON object: {\"email\": \"you@example.com\", \"labels\": [\"Dog\"]} (labels optional)."));
        }
        if (NormalizeEmail(command.Email) is not { } email)
        {
            return (null, new ImageError("InvalidEmail", "Enter an email address like name@example.com."));
        }
        var (labels, labelsError) = ValidateLabels(command.Labels);
        return labelsError is not null ? (null, labelsError) : (new FeedSubscription(feedId!, email, labels!), null);
    }

    /// <summary>The address trimmed, or null when it is not one plain address (no display name, no list, a dotted domain).</summary>
    public static string? NormalizeEmail(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxEmailLength
            || trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is ',' or ';' or '<' or '>' or '"')
            || !MailAddress.TryCreate(trimmed, out var address)
            || address.Address != trimmed || address.DisplayName.Length > 0)
        {
            return null;
        }
        var domain = address.Host;
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.') && address.User.Length > 0
            ? trimmed
            : null;
    }

    /// <summary>Absent or null means every image; otherwise a list of 1–10 names, kept as typed (SNS matches case-sensitively).</summary>
    public static (IReadOnlyList<string>? Labels, ImageError? Error) ValidateLabels(JsonElement? labels)
    {
        if (labels is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return ([], null);
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            return (null, new ImageError("InvalidLabels", "labels is a list of label names, like [\"Dog\", \"Person\"]."));
        }
        var names = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            var name = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : null;
            if (string.IsNullOrEmpty(name) || name.Length > MaxLabelLength || name.Any(char.IsControl))
            {
                return (null, new ImageError("InvalidLabels", $"Each label is a name of 1 to {MaxLabelLength} characters, like \"Dog\"."));
            }
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }
        return names.Count > MaxLabels
            ? (null, new ImageError("InvalidLabels", $"Choose at most {MaxLabels} labels; leave them out to get every image of the feed."))
            : (names, null);
    }
}
