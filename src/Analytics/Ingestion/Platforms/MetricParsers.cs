using System.Globalization;
using System.Text.RegularExpressions;
using Insights.Analytics.Domain;

namespace Insights.Analytics.Ingestion.Platforms;

/// <summary>
/// Values as platform exports write them beyond plain numbers: "12.6s" and "1h 2m 3s" durations,
/// "45.2%" percentages, signed net counts ("-3" subscribers), and post types such as "Photos" or "Text".
/// </summary>
public static partial class MetricParsers
{
    /// <summary>A count; a percentage in a count column gets its own reason rather than "not a number".</summary>
    public static bool TryParseCount(string text, out long count, out string reason)
    {
        if (FieldParsers.TryParseCount(text, out count, out reason))
            return true;
        if (text.TrimEnd().EndsWith('%'))
            reason = $"'{text.Trim()}' is a percentage, not a count";
        return false;
    }

    /// <summary>A whole number that may be negative, such as net followers gained ("-3", "+12", "1.2K").</summary>
    public static bool TryParseSignedCount(string text, out long count, out string reason)
    {
        var value = text.Trim();
        var negative = value.StartsWith('-') || value.StartsWith('\u2212');
        if (negative || value.StartsWith('+'))
            value = value[1..];
        if (!TryParseCount(value, out count, out reason))
            return false;
        if (negative)
            count = -count;
        return true;
    }

    /// <summary>A percentage from 0 to 100 and beyond, with or without the % sign ("45.2%", "45.2").</summary>
    public static bool TryParsePercent(string text, out double percent, out string reason)
    {
        reason = "";
        var value = text.Trim().TrimEnd('%').TrimEnd();
        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out percent))
            return true;
        reason = $"'{text.Trim()}' is not a percentage (expected such as 45.2%)";
        return false;
    }

    /// <summary>
    /// A duration in seconds: "42", "42.5", "0:42", "1:02:03", "12.6s", "2 min", "1h 2m 3s".
    /// </summary>
    public static bool TryParseDuration(string text, out double seconds, out string reason)
    {
        var value = text.Trim();
        if (ThousandsSeparated().IsMatch(value))
            value = value.Replace(",", "", StringComparison.Ordinal);
        var parts = UnitParts().Matches(value);
        if (parts.Count > 0 && string.Concat(parts.Select(m => m.Value)).Replace(" ", "", StringComparison.Ordinal).Length == value.Replace(" ", "", StringComparison.Ordinal).Length)
        {
            seconds = 0;
            foreach (Match part in parts)
            {
                var number = double.Parse(part.Groups["n"].Value, CultureInfo.InvariantCulture);
                seconds += part.Groups["u"].Value.ToLowerInvariant() switch
                {
                    "h" or "hr" or "hrs" or "hour" or "hours" => number * 3600,
                    "m" or "min" or "mins" or "minute" or "minutes" => number * 60,
                    _ => number,
                };
            }
            reason = "";
            return true;
        }
        if (FieldParsers.TryParseSeconds(value, out seconds, out reason))
            return true;
        reason = $"'{value}' is not a duration (expected seconds such as 42.5 or 12.6s, m:ss, or 1h 2m 3s)";
        return false;
    }

    /// <summary>Post types, with the words of the platforms that post text and links too (counted as static posts, that is images).</summary>
    public static bool TryParseMediaType(string text, out MediaType type, out string reason)
    {
        var key = ColumnMap.Normalise(text);
        MediaType? known = key switch
        {
            "photos" or "images" or "text" or "status" or "link" or "links" or "article" or "articles" or "document" or "poll" or "textonly" => MediaType.Image,
            "videos" or "shorts" or "livevideo" or "live" or "reelsvideo" or "nativevideo" => MediaType.Video,
            "carousels" or "multiimage" or "multipleimages" or "gallery" => MediaType.Carousel,
            _ => null,
        };
        if (known is { } found)
        {
            type = found;
            reason = "";
            return true;
        }
        if (FieldParsers.TryParseMediaType(text, out type, out reason))
            return true;
        reason += "; text, link, article and document posts count as images";
        return false;
    }

    [GeneratedRegex(@"^\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex ThousandsSeparated();

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)\s*(?<u>hours|hour|hrs|hr|h|minutes|minute|mins|min|m|seconds|second|secs|sec|s)\b", RegexOptions.IgnoreCase)]
    private static partial Regex UnitParts();
}
