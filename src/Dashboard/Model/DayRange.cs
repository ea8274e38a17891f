using System.Globalization;

namespace Insights.Dashboard.Model;

/// <summary>An inclusive range of days in UTC; either end may be open.</summary>
public readonly record struct DayRange(DateOnly? From, DateOnly? To)
{
    public bool Contains(DateTime utc)
    {
        var day = DateOnly.FromDateTime(utc);
        return (From is null || day >= From) && (To is null || day <= To);
    }

    public static bool TryParse(string? from, string? to, out DayRange range, out string error)
    {
        range = default;
        error = "";
        DateOnly? start = null, end = null;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                error = $"from: '{from}' is not a date (expected yyyy-MM-dd)";
                return false;
            }
            start = parsed;
        }
        if (!string.IsNullOrWhiteSpace(to))
        {
            if (!DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                error = $"to: '{to}' is not a date (expected yyyy-MM-dd)";
                return false;
            }
            end = parsed;
        }
        if (start > end)
        {
            error = "from: the start is after the end";
            return false;
        }
        range = new DayRange(start, end);
        return true;
    }
}
