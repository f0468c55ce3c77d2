using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImageLabelsLive.Core.Images;
using ImageLabelsLive.Core.Ports;

namespace ImageLabelsLive.Core.FeedHistory;

/// <summary>
/// The opaque cursor of GET /feeds/{feedId}/images: where the last page ended, bound to the listing it came from
/// (feed, labels, changedSince), so a cursor pasted into another listing is refused instead of paging the wrong thing.
/// </summary>
public static class FeedCursor
{
    private const string Version = "1";

    public static ImageError Malformed { get; } = new(
        "InvalidCursor", "cursor is not one this API gave out; send nextCursor exactly as a previous page returned it, or leave it out to start from the newest.");

    public static ImageError OtherListing { get; } = new(
        "InvalidCursor", "cursor belongs to another listing (another feed, label filter or changedSince); repeat that listing's parameters or start again without cursor.");

    public static string Encode(string scope, FeedPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        var text = string.Join('|', Version, scope, position.At.UtcTicks.ToString(CultureInfo.InvariantCulture), position.ImageId);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Reads a cursor; the error says whether it is no cursor at all or another listing's.</summary>
    public static (FeedPosition? Position, ImageError? Error) Decode(string cursor, string scope)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        if (cursor.Length is 0 or > 400 || !Base64Url.IsValid(cursor))
        {
            return (null, Malformed);
        }
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return (null, Malformed);
        }
        var parts = text.Split('|');
        if (parts.Length != 4 || parts[0] != Version
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !ImageIds.IsValid(parts[3]))
        {
            return (null, Malformed);
        }
        return parts[1] == scope ? (new FeedPosition(new DateTimeOffset(ticks, TimeSpan.Zero), parts[3]), null) : (null, OtherListing);
    }

    /// <summary>A short digest of what the listing is, so its cursors fit no other listing.</summary>
    public static string Scope(string feedId, IReadOnlyList<string> normalizedLabels, DateTimeOffset? changedSince)
    {
        ArgumentNullException.ThrowIfNull(normalizedLabels);
        var what = string.Join('\n', [feedId, changedSince?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "", .. normalizedLabels.Order(StringComparer.Ordinal)]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(what)).AsSpan(0, 6));
    }
}
