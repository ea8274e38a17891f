namespace Insights.Analytics.Profiles;

/// <summary>The IANA time zones a profile may be set to, and why an id cannot be used.</summary>
public static class ProfileTimeZones
{
    public const int MaxLength = 64;

    private static readonly Lazy<IReadOnlyList<string>> AllIds = new(() =>
        [.. TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Append("UTC").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    /// <summary>Every IANA zone id this machine knows, sorted ("Africa/Abidjan" ... "UTC").</summary>
    public static IReadOnlyList<string> All => AllIds.Value;

    /// <summary>Why <paramref name="id"/> is not a usable IANA zone id, or null when it is.</summary>
    public static string? Problem(string id)
    {
        if (id.Length is 0 or > MaxLength)
            return $"A time zone is an IANA id such as Europe/Berlin or America/New_York, at most {MaxLength} characters.";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) || !zone.HasIanaId)
            return $"'{id}' is not a known IANA time zone id (such as Europe/Berlin or America/New_York).";
        return null;
    }
}
