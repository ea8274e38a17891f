namespace Insights.Analytics.Engagement;

/// <summary>Keeps a category's most frequent values and buckets the rest as "other".</summary>
public sealed class TopValues
{
    public const string Other = "other";
    public const string None = "(none)";

    private readonly HashSet<string> _kept;

    private TopValues(IReadOnlyList<string> kept, bool hasOther, bool hasNone)
    {
        Kept = kept;
        _kept = [.. kept];
        HasOther = hasOther;
        HasNone = hasNone;
    }

    /// <summary>The kept values, most frequent first (ties by ordinal name).</summary>
    public IReadOnlyList<string> Kept { get; }

    public bool HasOther { get; }

    public bool HasNone { get; }

    /// <summary>Every value a post can map to, in display order: kept, other, (none).</summary>
    public IReadOnlyList<string> Values => [.. Kept, .. HasOther ? [Other] : Array.Empty<string>(), .. HasNone ? [None] : Array.Empty<string>()];

    /// <summary>Keeps at most <paramref name="maxValues"/> values with at least <paramref name="minCount"/> posts; null is "(none)".</summary>
    public static TopValues Fit(IEnumerable<string?> values, int maxValues, int minCount)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var none = false;
        foreach (var v in values)
        {
            if (v is null) { none = true; continue; }
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }
        var ranked = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var kept = ranked.Where(kv => kv.Value >= minCount && kv.Key != Other).Take(maxValues).Select(kv => kv.Key).ToList();
        return new TopValues(kept, ranked.Count > kept.Count, none);
    }

    /// <summary>The bucket of a value: itself when kept, "(none)" for null, else "other".</summary>
    public string Map(string? value) => value is null ? None : _kept.Contains(value) ? value : Other;
}
