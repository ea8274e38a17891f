using Insights.Analytics.Profiles;

namespace Insights.Dashboard.Model;

/// <summary>The app-wide context every page follows: the profile and the date range, both kept in the URL.</summary>
public sealed record DashboardFilter(ProfileSummary? Profile, IReadOnlyList<ProfileSummary> Profiles, DateOnly? From, DateOnly? To)
{
    public static readonly DashboardFilter Empty = new(null, [], null, null);

    public DayRange Range => new(From, To);

    public bool Contains(DateTime utc) => Range.Contains(utc);

    /// <summary>"?profile=...&amp;from=...&amp;to=..." for links that keep the context.</summary>
    public string QueryString
    {
        get
        {
            var parts = new List<string>();
            if (Profile is not null) parts.Add("profile=" + Uri.EscapeDataString(Profile.Name));
            if (From is not null) parts.Add("from=" + From.Value.ToString("yyyy-MM-dd"));
            if (To is not null) parts.Add("to=" + To.Value.ToString("yyyy-MM-dd"));
            return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
        }
    }

    public string RangeText => (From, To) switch
    {
        (null, null) => "all time",
        ({ } f, null) => $"since {f:d MMM yyyy}",
        (null, { } t) => $"until {t:d MMM yyyy}",
        ({ } f, { } t) => $"{f:d MMM yyyy} – {t:d MMM yyyy}",
    };
}
