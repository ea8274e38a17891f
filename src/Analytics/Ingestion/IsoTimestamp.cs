namespace Insights.Analytics.Ingestion;

/// <summary>
/// Reads the one timestamp shape nearly every export and API writes, ISO 8601 with an explicit offset
/// (<c>2024-03-05T14:30:00Z</c>, <c>2024-03-05 14:30:00.123+02:00</c>), straight from its characters. The general
/// parser tries culture rules and then many formats; on a million-row import that was most of the parsing time.
/// Anything else, or any value out of range, is left to the general path, so results and messages do not change.
/// </summary>
internal static class IsoTimestamp
{
    public static bool TryRead(ReadOnlySpan<char> text, out DateTime utc)
    {
        utc = default;
        // yyyy-MM-dd, then 'T' or ' ', then HH:mm
        if (text.Length < 17 || text[4] != '-' || text[7] != '-' || text[10] is not ('T' or ' ') || text[13] != ':')
            return false;
        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute))
            return false;
        var at = 16;
        int second = 0;
        long fractionTicks = 0;
        if (at < text.Length && text[at] == ':')
        {
            if (!Digits(text, at + 1, 2, out second))
                return false;
            at += 3;
            if (at < text.Length && text[at] == '.')
            {
                var start = ++at;
                while (at < text.Length && char.IsAsciiDigit(text[at]))
                    at++;
                var count = at - start;
                if (count is 0 or > 7 || !Digits(text, start, count, out var fraction))
                    return false;
                fractionTicks = fraction;
                for (var i = count; i < 7; i++)
                    fractionTicks *= 10;
            }
        }
        if (!Offset(text[at..], out var offsetMinutes))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        var ticks = local.Ticks - offsetMinutes * TimeSpan.TicksPerMinute;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            return false;
        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    // "Z" or "+HH:MM" / "-HH:MM" and nothing after it.
    private static bool Offset(ReadOnlySpan<char> text, out int minutes)
    {
        minutes = 0;
        if (text is ['Z' or 'z'])
            return true;
        if (text.Length != 6 || text[0] is not ('+' or '-') || text[3] != ':'
            || !Digits(text, 1, 2, out var hours) || !Digits(text, 4, 2, out var rest) || rest > 59 || hours * 60 + rest > 14 * 60)
            return false;
        minutes = (text[0] == '-' ? -1 : 1) * (hours * 60 + rest);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length)
            return false;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
                return false;
            value = value * 10 + (text[i] - '0');
        }
        return true;
    }
}
