namespace Insights.Analytics.Profiles;

/// <summary>
/// What a profile may be called. Addresses and commands take a profile by name or by id, so a name
/// of digits alone would capture what is meant for the profile with that id: digits alone always
/// mean an id, and no new profile may be named so.
/// </summary>
public static class ProfileNames
{
    /// <summary>Longest profile name: 100 characters.</summary>
    public const int MaxLength = 100;

    /// <summary>Why <paramref name="name"/> cannot name a new profile, or null when it can.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "Give the profile a name.";
        if (name.Length > MaxLength)
            return $"The profile name must have 1 to {MaxLength} characters; this one has {name.Length}.";
        if (IsId(name))
            return $"'{name}' is digits only, which addresses the profile with that id; give the profile a name with at least one letter or sign (for example 'brand-{name}').";
        return null;
    }

    /// <summary>True when <paramref name="nameOrId"/> is digits alone, so it stands for an id.</summary>
    public static bool IsId(string nameOrId) => nameOrId.Length > 0 && nameOrId.All(char.IsAsciiDigit);
}
