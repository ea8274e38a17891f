using System.ComponentModel.DataAnnotations;

namespace Insights.Analytics.Caching;

/// <summary>Memory for caches of derived data (labels, classifiers, drivers models, popularity). Section "Cache".</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>
    /// The byte budget of all in-memory caches together, in MiB: entries carry estimates of their size and the least
    /// recently used go when a new one would not fit. Everything cached can be read again from the database. Default 512.
    /// </summary>
    [Range(1, 1_048_576)]
    public int BudgetMegabytes { get; set; } = 512;

    public long BudgetBytes => BudgetMegabytes * 1024L * 1024L;

    /// <summary>
    /// How many profiles a web process prepares in the background, at start and after each import into one of them: their
    /// popularity scores, engagement posts and automatic labels, which every page starts from. 0 turns it off. Default 4.
    /// </summary>
    [Range(0, 1_000)]
    public int WarmProfiles { get; set; } = 4;

    /// <summary>How often, in seconds, the profiles' data versions are read to see whether one changed. Default 10.</summary>
    [Range(1, 3_600)]
    public int WarmCheckSeconds { get; set; } = 10;
}
