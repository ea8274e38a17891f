using System.ComponentModel.DataAnnotations;

namespace Insights.Analytics.Caching;

/// <summary>Memory for caches of derived data (labels, classifiers, drivers models, popularity). Section "Cache".</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    private const long MiB = 1024L * 1024L;

    // Computed once: the memory a process may use does not change while it runs.
    private static readonly Lazy<long> MachineBudgetBytes = new(() => BudgetFor(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes));

    /// <summary>
    /// The byte budget of all in-memory caches together, in MiB: entries carry estimates of their size and the least
    /// recently used go when a new one would not fit. Everything cached can be read again from the database. Default 0:
    /// sized to the machine (see <see cref="BudgetFor"/>).
    /// </summary>
    [Range(0, 1_048_576)]
    public int BudgetMegabytes { get; set; }

    public long BudgetBytes => BudgetMegabytes > 0 ? BudgetMegabytes * MiB : MachineBudgetBytes.Value;

    /// <summary>
    /// How many profiles a web process prepares in the background, at start and after each import into one of them: their
    /// popularity scores, engagement posts and automatic labels, which every page starts from. 0 turns it off. Default 4.
    /// </summary>
    [Range(0, 1_000)]
    public int WarmProfiles { get; set; } = 4;

    /// <summary>How often, in seconds, the profiles' data versions are read to see whether one changed. Default 10.</summary>
    [Range(1, 3_600)]
    public int WarmCheckSeconds { get; set; } = 10;

    /// <summary>
    /// The budget when none is set: an eighth of the memory this process may use (the machine's, or its container's or
    /// heap limit), at least 512 MiB and at most 8 GiB. A fixed 512 MiB held less than one 1,000,000-post profile's
    /// shared entries (about 640 MB): the background preparation skipped such a profile, and its Labels page's first
    /// visit took 9-10 s instead of 4-5 s. An eighth leaves the rest to the models, the database and other instances.
    /// </summary>
    public static long BudgetFor(long availableBytes) => Math.Clamp(availableBytes / 8, 512 * MiB, 8192 * MiB);
}
