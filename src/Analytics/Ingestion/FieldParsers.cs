using System.Globalization;
using Insights.Analytics.Domain;

namespace Insights.Analytics.Ingestion;

/// <summary>Parses the values platform exports write: counts with thousands separators, many date formats, post types.</summary>
public sealed class FieldParsers(TimeZoneInfo timeZone, bool dayFirst)
{
    // Slash dates are ambiguous, so only the configured order is tried; the other formats are exact and disjoint.
    private readonly string[] _localFormats = [.. IsoLocalFormats, .. dayFirst ? DayFirstFormats : MonthFirstFormats, .. DottedFormats, .. NamedMonthFormats];

    private static readonly string[] IsoLocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
        "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyy/MM/dd",
    ];

    private static readonly string[] MonthFirstFormats =
    [
        "M/d/yyyy H:mm:ss", "M/d/yyyy H:mm", "M/d/yyyy h:mm:ss tt", "M/d/yyyy h:mm tt", "M/d/yyyy",
        "M/d/yy H:mm", "M/d/yy",
    ];

    private static readonly string[] DayFirstFormats =
    [
        "d/M/yyyy H:mm:ss", "d/M/yyyy H:mm", "d/M/yyyy", "d/M/yy H:mm", "d/M/yy",
    ];

    private static readonly string[] DottedFormats = ["d.M.yyyy H:mm:ss", "d.M.yyyy H:mm", "d.M.yyyy"];

    private static readonly string[] NamedMonthFormats =
    [
        "MMM d, yyyy h:mm tt", "MMM d, yyyy H:mm", "MMM d, yyyy", "d MMM yyyy H:mm", "d MMM yyyy", "MMMM d, yyyy", "MMMM d, yyyy h:mm tt",
    ];

    /// <summary>Parses a timestamp to UTC. Values with an offset or 'Z' keep it; others are in the configured time zone. Unix seconds are accepted.</summary>
    public bool TryParseTimestamp(string text, out DateTime utc, out string reason)
    {
        reason = "";
        var value = text.Trim();
        if (IsoTimestamp.TryRead(value, out utc))
            return true;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && HasExplicitOffset(value))
        {
            utc = withOffset.UtcDateTime;
            return true;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) && value.Length is 10 or 13)
        {
            utc = value.Length == 10 ? DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime : DateTimeOffset.FromUnixTimeMilliseconds(epoch).UtcDateTime;
            return true;
        }

        if (DateTime.TryParseExact(value, _localFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            // A wall time skipped by a daylight-saving jump (02:30 on a spring-forward night) makes
            // ConvertTimeToUtc throw; read it with the offset in force just before the jump.
            utc = timeZone.IsInvalidTime(local)
                ? DateTime.SpecifyKind(local - timeZone.GetUtcOffset(local.AddHours(-12)), DateTimeKind.Utc)
                : TimeZoneInfo.ConvertTimeToUtc(local, timeZone);
            return true;
        }

        utc = default;
        reason = $"'{Shorten(value)}' is not a date and time (expected ISO 8601 such as 2024-03-05T14:30:00Z, or an export format such as {(dayFirst ? "05/03/2024 14:30" : "03/05/2024 2:30 PM")})";
        return false;
    }

    /// <summary>Parses a calendar date; slash dates follow the same configured order as timestamps (month first unless <paramref name="dayFirst"/>).</summary>
    public static bool TryParseDate(string text, out DateOnly date, out string reason, bool dayFirst = false)
    {
        reason = "";
        var value = text.Trim();
        string[] formats = ["yyyy-MM-dd", "yyyy/MM/dd", dayFirst ? "d/M/yyyy" : "M/d/yyyy", "d.M.yyyy", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"];
        if (DateTime.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            date = DateOnly.FromDateTime(parsed);
            return true;
        }
        date = default;
        reason = $"'{Shorten(value)}' is not a date (expected 2024-03-05)";
        return false;
    }

    /// <summary>Parses a non-negative count: "1,234", "1 234", "1'234", "12.5K" and "1.2M" are accepted.</summary>
    public static bool TryParseCount(string text, out long count, out string reason)
    {
        reason = "";
        // The common case, a plain run of digits (at most 18, so it cannot overflow), without the forms below.
        if (text.Length is > 0 and < 19 && !text.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            count = 0;
            foreach (var c in text)
                count = count * 10 + (c - '0');
            return true;
        }
        var value = text.Trim();
        var multiplier = 1.0;
        if (value.Length > 1 && (value[^1] is 'k' or 'K' or 'm' or 'M'))
        {
            multiplier = value[^1] is 'k' or 'K' ? 1_000 : 1_000_000;
            value = value[..^1];
        }

        Span<char> digits = stackalloc char[Math.Min(value.Length, 64)];
        var length = 0;
        foreach (var c in value)
        {
            if (c is ',' or ' ' or '\'' or '_' or '\u00A0' or '\u202F')
                continue;
            if (length == digits.Length) { length = -1; break; }
            digits[length++] = c;
        }

        // Plain integers exactly (a double loses digits past 2^53); suffixed or decimal forms through double.
        if (length > 0 && multiplier == 1 && long.TryParse(digits[..length], NumberStyles.None, CultureInfo.InvariantCulture, out count))
            return true;
        if (length > 0 && double.TryParse(digits[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            && (multiplier > 1 || number == Math.Floor(number)))
        {
            // Beyond long's range the cast would silently saturate; a count that large is a broken value.
            if (number * multiplier < long.MaxValue)
            {
                count = (long)Math.Round(number * multiplier);
                return true;
            }
            count = 0;
            reason = $"'{Shorten(text)}' is too large for a count";
            return false;
        }

        count = 0;
        reason = $"'{Shorten(text)}' is not a whole non-negative number";
        return false;
    }

    /// <summary>Parses a non-negative decimal such as a duration in seconds ("42", "42.5", "0:42", "1:02:03").</summary>
    public static bool TryParseSeconds(string text, out double seconds, out string reason)
    {
        reason = "";
        var value = text.Trim();
        if (value.Contains(':'))
        {
            var parts = value.Split(':');
            seconds = 0;
            foreach (var part in parts)
            {
                if (!double.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var piece))
                {
                    reason = $"'{Shorten(text)}' is not a duration (expected seconds such as 42.5, or m:ss)";
                    return false;
                }
                seconds = seconds * 60 + piece;
            }
            return true;
        }

        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds) && seconds >= 0)
            return true;
        reason = $"'{Shorten(text)}' is not a duration in seconds";
        return false;
    }

    public static bool TryParseMediaType(string text, out MediaType type, out string reason)
    {
        reason = "";
        var key = ColumnMap.Normalise(text);
        type = key switch
        {
            "image" or "photo" or "picture" or "igimage" or "post" or "static" or "staticimage" => MediaType.Image,
            "video" or "reel" or "reels" or "igreel" or "igvideo" or "clip" or "short" => MediaType.Video,
            "carousel" or "album" or "carouselalbum" or "igcarousel" or "sidecar" or "multiphoto" => MediaType.Carousel,
            _ => (MediaType)(-1),
        };
        if ((int)type >= 0)
            return true;
        reason = $"'{Shorten(text)}' is not a post type (expected image, video or carousel; reel, photo and album are understood too)";
        return false;
    }

    private static bool HasExplicitOffset(string value) =>
        value.EndsWith('Z') || value.EndsWith('z')
        || (value.Length > 6 && (value[^6] is '+' or '-') && value[^3] == ':')
        || (value.Length > 5 && (value[^5] is '+' or '-') && value[^5..].Skip(1).All(char.IsDigit) && (value.Contains('T') || value[^6] == ' '));

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
