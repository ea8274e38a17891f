using System.Globalization;
using Insights.Analytics.Caching;
using Insights.Analytics.Engagement;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Insights.Analytics.Hashtags;

/// <summary>
/// Hashtag and mention lifts of a profile on the Labels page's rate (PoR or ER, detrended), computed once per data
/// version, range and minimum (every caption is read and every tag bootstrapped) and then kept in the shared cache.
/// </summary>
public sealed class HashtagService(EngagementService engagement, IDbContextFactory<InsightsDbContext> contexts, StampedCache cache, IOptions<HashtagOptions> options)
{
    /// <summary>How many (range, minimum) reports of one profile can be held at once.</summary>
    private const int ReportsPerProfile = 4;

    public async Task<(HashtagReport Report, string Target)> GetAsync(int profileId, DateOnly? from, DateOnly? to, int? minPosts = null, CancellationToken cancellationToken = default)
    {
        var min = minPosts ?? options.Value.MinPosts;
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await context.Profiles.Where(p => p.Id == profileId).Select(p => (long?)p.DataVersion).FirstOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"No profile {profileId}.");
        var key = CacheKey.Slot(nameof(HashtagService), profileId, ReportsPerProfile, HashCode.Combine(from, to, min));
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{version}|{from:yyyy-MM-dd}|{to:yyyy-MM-dd}|{min}");
        var computed = await cache.GetAsync<Computed>(key, stamp, _ => ComputeAsync(profileId, from, to, min, CancellationToken.None),
            c => 1024 + c.Report.All.Count * 160L + c.Report.Pairs.Count * 160L).WaitAsync(cancellationToken);
        return (computed.Report, computed.Target);
    }

    private async Task<Computed> ComputeAsync(int profileId, DateOnly? from, DateOnly? to, int minPosts, CancellationToken cancellationToken)
    {
        var posts = (await engagement.LoadPostsAsync(profileId, cancellationToken: cancellationToken))
            .Where(p => (from is null || DateOnly.FromDateTime(p.PublishedUtc) >= from) && (to is null || DateOnly.FromDateTime(p.PublishedUtc) <= to))
            .ToList();
        var target = EngagementTarget.Compute(posts, engagement.Options);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var captions = await context.Posts.AsNoTracking().Where(p => p.ProfileId == profileId && p.Caption != null)
            .Select(p => new { p.Id, p.Caption }).ToDictionaryAsync(p => p.Id, p => p.Caption, cancellationToken);
        var settings = new HashtagOptions { MinPosts = minPosts, ListSize = options.Value.ListSize };
        var rows = posts.Select((p, i) => (captions.GetValueOrDefault(p.PostId), target.Values[i])).ToList();
        var report = await Task.Run(() => HashtagLifts.Compute(rows, settings, engagement.Options.BootstrapResamples, engagement.Options.IntervalLevel, engagement.Options.Seed), cancellationToken);
        return new Computed(report, target.Describe());
    }

    private sealed record Computed(HashtagReport Report, string Target);
}
