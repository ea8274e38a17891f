using Insights.Analytics.Engagement;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Insights.Analytics.Hashtags;

/// <summary>Hashtag and mention lifts of a profile on the Labels page's rate (PoR or ER, detrended).</summary>
public sealed class HashtagService(EngagementService engagement, IDbContextFactory<InsightsDbContext> contexts, IOptions<HashtagOptions> options)
{
    public async Task<(HashtagReport Report, string Target)> GetAsync(int profileId, DateOnly? from, DateOnly? to, int? minPosts = null, CancellationToken cancellationToken = default)
    {
        var posts = (await engagement.LoadPostsAsync(profileId, cancellationToken: cancellationToken))
            .Where(p => (from is null || DateOnly.FromDateTime(p.PublishedUtc) >= from) && (to is null || DateOnly.FromDateTime(p.PublishedUtc) <= to))
            .ToList();
        var target = EngagementTarget.Compute(posts, engagement.Options);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var captions = await context.Posts.AsNoTracking().Where(p => p.ProfileId == profileId && p.Caption != null)
            .Select(p => new { p.Id, p.Caption }).ToDictionaryAsync(p => p.Id, p => p.Caption, cancellationToken);
        var settings = new HashtagOptions { MinPosts = minPosts ?? options.Value.MinPosts, ListSize = options.Value.ListSize };
        var rows = posts.Select((p, i) => (captions.GetValueOrDefault(p.PostId), target.Values[i])).ToList();
        return (HashtagLifts.Compute(rows, settings, engagement.Options.BootstrapResamples, engagement.Options.IntervalLevel, engagement.Options.Seed), target.Describe());
    }
}
