using Insights.Analytics.Popularity;
using Insights.Analytics.Profiles;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Insights.Analytics.Engagement;

/// <summary>
/// Engagement by label and the drivers model for a profile, over the stored posts and their popularity.
/// Automatic labels are passed in as plain data keyed by post id (the composition root gets them from
/// the Inference library); without them the tables and the model use post, caption and manual labels only.
/// </summary>
public sealed class EngagementService(IDbContextFactory<InsightsDbContext> contextFactory, PopularityService popularity, ProfileZoneResolver zones, IOptions<EngagementOptions> options)
{
    public EngagementOptions Options => options.Value;

    /// <summary>The profile's posts with rates, caption features, manual labels, the given automatic labels, and publish times on the profile's clock.</summary>
    public async Task<IReadOnlyList<EngagementPost>> LoadPostsAsync(int profileId, IReadOnlyDictionary<long, AutomaticLabels>? automatic = null, CancellationToken cancellationToken = default)
    {
        var scored = await popularity.GetAsync(profileId, cancellationToken: cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var posts = await context.Posts.AsNoTracking().Where(p => p.ProfileId == profileId)
            .Select(p => new { p.Id, p.Caption, p.DurationSeconds }).ToDictionaryAsync(p => p.Id, cancellationToken);
        var labels = (await context.ManualLabels.AsNoTracking().Where(l => context.Posts.Any(p => p.Id == l.PostId && p.ProfileId == profileId))
                .Select(l => new { l.PostId, l.Category, l.Value }).ToListAsync(cancellationToken))
            .GroupBy(l => l.PostId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, string>)g.GroupBy(l => l.Category).ToDictionary(c => c.Key, c => c.First().Value));
        var none = new Dictionary<string, string>();
        var zone = await zones.ZoneAsync(profileId, cancellationToken);
        return scored.Posts.Select(s => new EngagementPost(
            s.PostId, s.PublishedUtc, s.MediaType, posts[s.PostId].DurationSeconds, CaptionFeatures.Extract(posts[s.PostId].Caption),
            labels.GetValueOrDefault(s.PostId, none), automatic?.GetValueOrDefault(s.PostId), s.PopularityRate, s.EngagementRate,
            TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(s.PublishedUtc, DateTimeKind.Utc), zone))).ToList();
    }

    public async Task<LabelBreakdown> GetBreakdownAsync(int profileId, IReadOnlyDictionary<long, AutomaticLabels>? automatic = null, EngagementOptions? overrides = null, CancellationToken cancellationToken = default) =>
        LabelBreakdowns.Compute(await LoadPostsAsync(profileId, automatic, cancellationToken), overrides ?? Options);

    public async Task<CrossTable> GetCrossAsync(int profileId, string rowCategory, string columnCategory, IReadOnlyDictionary<long, AutomaticLabels>? automatic = null, EngagementOptions? overrides = null, CancellationToken cancellationToken = default) =>
        LabelBreakdowns.Cross(await LoadPostsAsync(profileId, automatic, cancellationToken), rowCategory, columnCategory, overrides ?? Options);

    /// <summary>Trains (CPU-bound, seconds) the drivers model; the caller decides where to keep it (<see cref="DriversModel.Save"/>).</summary>
    /// <param name="labelledOnly">Train on the posts with automatic labels only (while labelling is under way, so an unlabelled post is not read as one without people, text...).</param>
    public async Task<DriversModel> TrainDriversAsync(int profileId, IReadOnlyDictionary<long, AutomaticLabels>? automatic = null, EngagementOptions? overrides = null,
        bool labelledOnly = false, CancellationToken cancellationToken = default)
    {
        var posts = await LoadPostsAsync(profileId, automatic, cancellationToken);
        if (labelledOnly)
            posts = posts.Where(p => p.Automatic is not null).ToList();
        var settings = overrides ?? Options;
        return await Task.Run(() => DriversTrainer.Train(posts, settings, cancellationToken), cancellationToken);
    }
}
