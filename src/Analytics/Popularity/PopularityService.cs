using System.Globalization;
using Insights.Analytics.Caching;
using Insights.Analytics.Domain;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Insights.Analytics.Popularity;

/// <summary>A profile's posts scored: rates, rolling and global classes, class boundaries per media group.</summary>
public sealed record ProfilePopularity(
    int ProfileId,
    ClassSettings Settings,
    IReadOnlyList<PostScore> Posts,
    IReadOnlyDictionary<MediaGroup, List<ClassBoundary>> Boundaries,
    IReadOnlyList<(DateOnly Date, long Followers)> FollowerSnapshots);

/// <summary>
/// Computes popularity for a profile over its whole history (windows need the context around a date
/// range) and caches it until the profile's data changes.
/// </summary>
public sealed class PopularityService(IDbContextFactory<InsightsDbContext> contextFactory, IOptions<PopularityOptions> options, StampedCache cache)
{
    public ClassSettings DefaultSettings => ClassSettings.From(options.Value);

    /// <remarks>
    /// Only results for the configured window and minimum are cached (one per K and base, keyed by the data version):
    /// the window and minimum can come from the URL as any number, and a cache key must not grow with user input.
    /// </remarks>
    public async Task<ProfilePopularity> GetAsync(int profileId, ClassSettings? settings = null, CancellationToken cancellationToken = default)
    {
        settings ??= DefaultSettings;
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var version = await context.Profiles.Where(p => p.Id == profileId).Select(p => (long?)p.DataVersion).FirstOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"No profile {profileId}.");
        var defaults = DefaultSettings;
        if (settings.WindowWeeks != defaults.WindowWeeks || settings.MinPostsPerWindow != defaults.MinPostsPerWindow)
            return await ComputeAsync(context, profileId, settings, cancellationToken);
        var key = new CacheKey(nameof(PopularityService), profileId, settings.Classes * 16 + (int)settings.Base);
        return await cache.GetAsync<ProfilePopularity>(key, version.ToString(CultureInfo.InvariantCulture),
            _ => ComputeAsync(context, profileId, settings, cancellationToken), EstimatedBytes);
    }

    /// <summary>About what a scored post holds in memory (metrics, rates, class, flags, strings), plus the snapshots.</summary>
    private static long EstimatedBytes(ProfilePopularity popularity) => 1024 + popularity.Posts.Count * 320L + popularity.FollowerSnapshots.Count * 32L;

    private static async Task<ProfilePopularity> ComputeAsync(InsightsDbContext context, int profileId, ClassSettings settings, CancellationToken cancellationToken)
    {
        var snapshots = await context.FollowerSnapshots.Where(s => s.ProfileId == profileId)
            .OrderBy(s => s.Date).Select(s => new { s.Date, s.Followers }).ToListAsync(cancellationToken);
        var posts = await context.Posts.AsNoTracking().Where(p => p.ProfileId == profileId)
            .OrderBy(p => p.PublishedUtc)
            .Select(p => new PostMetrics(p.Id, p.PlatformPostId, p.PublishedUtc, p.MediaType, p.Likes, p.Comments, p.Shares, p.Saves, p.Impressions, p.Reach))
            .ToListAsync(cancellationToken);

        var curve = new FollowerCurve(snapshots.Select(s => (s.Date, s.Followers)));
        return Score(profileId, posts, curve, settings, snapshots.Select(s => (s.Date, s.Followers)).ToList());
    }

    /// <summary>Scores posts given their metrics and the follower curve; pure, for tests and benchmarks.</summary>
    public static ProfilePopularity Score(int profileId, IReadOnlyList<PostMetrics> posts, FollowerCurve curve, ClassSettings settings, IReadOnlyList<(DateOnly, long)> snapshots)
    {
        var n = posts.Count;
        var followers = new double[n];
        var extrapolated = new bool[n];
        var rates = new double[n];
        for (var i = 0; i < n; i++)
        {
            var p = posts[i];
            followers[i] = curve.At(p.PublishedUtc, out extrapolated[i]);
            double denominator = settings.Base switch
            {
                EngagementBase.Reach => p.Reach ?? double.NaN,
                EngagementBase.Impressions => p.Impressions ?? double.NaN,
                _ => followers[i],
            };
            rates[i] = denominator > 0 ? (p.Likes + p.Comments) / denominator : double.NaN;
        }

        var rolling = new ClassAssignment?[n];
        var global = new ClassAssignment?[n];
        var groups = new[] { MediaGroup.Images, MediaGroup.Videos };
        var groupBoundaries = new List<ClassBoundary>[groups.Length];
        // The groups, and the three passes over each, are independent: at a million posts they share the cores.
        Parallel.For(0, groups.Length, g =>
        {
            var members = InPublishOrder(posts, Enumerable.Range(0, n).Where(i => posts[i].MediaType.Group() == groups[g] && double.IsFinite(rates[i])).ToArray());
            var days = members.Select(i => posts[i].PublishedUtc.Ticks / (double)TimeSpan.TicksPerDay).ToArray();
            var groupRates = members.Select(i => rates[i]).ToArray();
            ClassAssignment[] classes = [], globalClasses = [];
            Parallel.Invoke(
                () => classes = RollingClasses.Compute(days, groupRates, settings.Classes, settings.HalfWidthDays, settings.MinPostsPerWindow),
                () => globalClasses = RollingClasses.ComputeGlobal(groupRates, settings.Classes),
                () => groupBoundaries[g] = RollingBoundaries.Compute(days, groupRates, settings.Classes, settings.HalfWidthDays, settings.MinPostsPerWindow));
            for (var m = 0; m < members.Length; m++)
            {
                rolling[members[m]] = classes[m];
                global[members[m]] = globalClasses[m];
            }
        });
        var boundaries = new Dictionary<MediaGroup, List<ClassBoundary>>();
        for (var g = 0; g < groups.Length; g++)
            boundaries[groups[g]] = groupBoundaries[g];

        var scores = new PostScore[n];
        for (var i = 0; i < n; i++)
        {
            var p = posts[i];
            double? por = followers[i] > 0 ? (p.Likes + p.Comments) / followers[i] : null;
            double? er = p.Impressions > 0 ? (p.Likes + p.Comments + (p.Shares ?? 0) + (p.Saves ?? 0)) / (double)p.Impressions.Value : null;
            scores[i] = new PostScore(p.Id, p.PlatformPostId, p.PublishedUtc, p.MediaType, p.Likes, p.Comments, p.Shares, p.Saves, p.Impressions, p.Reach,
                followers[i], extrapolated[i], por, er, double.IsFinite(rates[i]) ? rates[i] : null,
                rolling[i]?.Class, global[i]?.Class, rolling[i]?.Percentile);
        }
        return new ProfilePopularity(profileId, settings, scores, boundaries, snapshots);
    }

    // Windows need publish order. Posts read from the database already come in it; callers may pass any order (a
    // filtered or re-sorted list), and a stable sort keeps ties as given.
    private static int[] InPublishOrder(IReadOnlyList<PostMetrics> posts, int[] members)
    {
        for (var m = 1; m < members.Length; m++)
            if (posts[members[m]].PublishedUtc < posts[members[m - 1]].PublishedUtc)
                return members.OrderBy(i => posts[i].PublishedUtc).ToArray();
        return members;
    }
}

/// <summary>The metrics of a post that popularity needs.</summary>
public sealed record PostMetrics(
    long Id, string PlatformPostId, DateTime PublishedUtc, MediaType MediaType,
    long Likes, long Comments, long? Shares, long? Saves, long? Impressions, long? Reach);
