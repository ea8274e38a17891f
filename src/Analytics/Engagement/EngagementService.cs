using System.Globalization;
using Insights.Analytics.Caching;
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
public sealed class EngagementService(IDbContextFactory<InsightsDbContext> contextFactory, PopularityService popularity, ProfileZoneResolver zones, StampedCache cache, IOptions<EngagementOptions> options)
{
    public EngagementOptions Options => options.Value;

    /// <summary>The profile's posts with rates, caption features, manual labels, the given automatic labels, and publish times on the profile's clock.</summary>
    /// <remarks>
    /// Everything but the automatic labels is read once per data version and zone and then shared (captions and manual
    /// labels for every post were read and parsed again on each page visit); the automatic labels are joined per call.
    /// </remarks>
    public async Task<IReadOnlyList<EngagementPost>> LoadPostsAsync(int profileId, IReadOnlyDictionary<long, AutomaticLabels>? automatic = null, CancellationToken cancellationToken = default)
    {
        var (stamp, zone) = await StampAsync(profileId, cancellationToken);
        // Not cancelled by one caller: the read is shared by every caller waiting on it.
        var posts = await cache.GetAsync<EngagementPost[]>(new CacheKey(nameof(EngagementService), profileId), stamp,
            _ => ReadPostsAsync(profileId, zone, CancellationToken.None), EstimatedBytes).WaitAsync(cancellationToken);
        if (automatic is null || automatic.Count == 0)
            return posts;
        return Array.ConvertAll(posts, p => automatic.TryGetValue(p.PostId, out var labels) ? p with { Automatic = labels } : p);
    }

    // Manual labels move the data version too; a profile's own zone changes without it, so the zone is part of the stamp.
    private async Task<(string Stamp, TimeZoneInfo Zone)> StampAsync(int profileId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var profile = await context.Profiles.AsNoTracking().Where(p => p.Id == profileId).Select(p => new { p.DataVersion, p.TimeZone }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"No profile {profileId}.");
        var zone = zones.Zone(profile.TimeZone);
        return (string.Create(CultureInfo.InvariantCulture, $"{profile.DataVersion}-{zone.Id}"), zone);
    }

    private async Task<EngagementPost[]> ReadPostsAsync(int profileId, TimeZoneInfo zone, CancellationToken cancellationToken)
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
        return scored.Posts.Select(s => new EngagementPost(
            s.PostId, s.PublishedUtc, s.MediaType, posts[s.PostId].DurationSeconds, CaptionFeatures.Extract(posts[s.PostId].Caption),
            labels.GetValueOrDefault(s.PostId, none), null, s.PopularityRate, s.EngagementRate,
            TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(s.PublishedUtc, DateTimeKind.Utc), zone))).ToArray();
    }

    /// <summary>About what one post holds here: the record, its caption features and, for some, a manual label dictionary.</summary>
    private static long EstimatedBytes(EngagementPost[] posts) => 1024 + posts.Length * 200L + posts.Sum(p => p.ManualLabels.Count * 120L);

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
