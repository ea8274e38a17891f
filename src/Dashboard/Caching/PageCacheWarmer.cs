using Insights.Analytics.Caching;
using Insights.Analytics.Engagement;
using Insights.Analytics.Popularity;
using Insights.Analytics.Storage;
using Insights.Dashboard.Labels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Caching;

/// <summary>
/// Fills this process's shared cache with what every data page starts from (a profile's popularity scores, engagement
/// posts and automatic labels) at start and after each import, so the first visit after either does not wait for them.
/// The largest profiles go first (their first visit is the longest wait), up to <see cref="CacheOptions.WarmProfiles"/>
/// and as long as about half the cache's budget is left for the pages' own entries. Nothing here is stored: the entries
/// are the ones a page visit would have computed, under the same stamps, and a visit arriving meanwhile shares the load.
/// </summary>
public sealed class PageCacheWarmer(
    IDbContextFactory<InsightsDbContext> contexts, PopularityService popularity, EngagementService engagement, PostLabelSource labels,
    IOptions<CacheOptions> options, TimeProvider clock, ILogger<PageCacheWarmer> logger) : BackgroundService
{
    // What a post holds in the three entries together (popularity ~320 B, engagement ~200 B, labels), rounded up.
    private const long BytesPerPost = 640;

    private readonly Dictionary<int, long> _warmedVersions = [];
    private Dictionary<int, long> _seenVersions = [];
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.WarmProfiles == 0)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.WarmCheckSeconds), clock);
        try
        {
            // The database is migrated by the startup initializer before hosted services run.
            do
            {
                try
                {
                    await WarmChangedAsync(settings, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Preparing the pages' caches failed; it is tried again in {Seconds} s", settings.WarmCheckSeconds);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Warms each chosen profile whose data version moved since it was last warmed (every chosen one, the first time);
    /// returns the ids warmed. While no profile's version moves, this is one small read.
    /// </summary>
    public async Task<IReadOnlyList<int>> WarmChangedAsync(CacheOptions settings, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await WarmAsync(settings, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<IReadOnlyList<int>> WarmAsync(CacheOptions settings, CancellationToken cancellationToken)
    {
        var warmed = new List<int>();
        var versions = await VersionsAsync(cancellationToken);
        if (versions.Count == _seenVersions.Count && versions.All(v => _seenVersions.GetValueOrDefault(v.Key, -1) == v.Value))
            return warmed;
        foreach (var (profileId, version, posts) in await ChooseAsync(settings, cancellationToken))
        {
            if (_warmedVersions.GetValueOrDefault(profileId, -1) == version)
                continue;
            var elapsed = System.Diagnostics.Stopwatch.StartNew();
            await popularity.GetAsync(profileId, cancellationToken: cancellationToken);
            var automatic = await labels.AutomaticLabelsAsync(profileId, cancellationToken);
            await engagement.LoadPostsAsync(profileId, automatic, cancellationToken);
            _warmedVersions[profileId] = version;
            warmed.Add(profileId);
            logger.LogInformation("Prepared the pages of profile {Profile} ({Posts} posts) in {Elapsed} ms", profileId, posts, elapsed.ElapsedMilliseconds);
        }
        // Only now: a failed or cancelled pass leaves the versions unseen, so the next check tries again.
        _seenVersions = versions;
        return warmed;
    }

    private async Task<Dictionary<int, long>> VersionsAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Profiles.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.DataVersion, cancellationToken);
    }

    private async Task<List<(int ProfileId, long Version, int Posts)>> ChooseAsync(CacheOptions settings, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var profiles = await context.Profiles.AsNoTracking()
            .Select(p => new { p.Id, p.DataVersion, Posts = context.Posts.Count(post => post.ProfileId == p.Id) })
            .Where(p => p.Posts > 0)
            .OrderByDescending(p => p.Posts).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        var room = settings.BudgetBytes / 2;
        var chosen = new List<(int, long, int)>();
        foreach (var profile in profiles)
        {
            if (chosen.Count == settings.WarmProfiles)
                break;
            if (profile.Posts * BytesPerPost > room)
                continue;
            room -= profile.Posts * BytesPerPost;
            chosen.Add((profile.Id, profile.DataVersion, profile.Posts));
        }
        return chosen;
    }
}
