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
}
