using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;
using Insights.Analytics.Popularity;
using Insights.Analytics.Statistics;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Insights.Analytics.Reports;

/// <summary>What to report on: a profile, an inclusive range of days (either end open) and the sections to show.</summary>
/// <param name="CompareWith">Ids of other profiles to compare the profile with (a comparison section); null or empty for none.</param>
public sealed record ReportRequest(int ProfileId, DateOnly? From, DateOnly? To, ReportSections Sections = ReportSections.Default, IReadOnlyList<int>? CompareWith = null)
{
    public bool Contains(DateTime utc)
    {
        var day = DateOnly.FromDateTime(utc);
        return (From is null || day >= From) && (To is null || day <= To);
    }
}

/// <summary>How far the building of a report got.</summary>
public sealed record ReportStep(int Done, int Total, string Message);

/// <summary>
/// Gathers a report's content: KPIs, posts with rates, classes and labels, engagement by label (the Labels
/// page's computation over the posts in the range), the drivers model (given, or trained on the whole
/// history when allowed), and the best and worst posts with thumbnails.
/// </summary>
public sealed class ReportBuilder(
    IDbContextFactory<InsightsDbContext> contextFactory,
    EngagementService engagement,
    PopularityService popularity,
    ReportThumbnails thumbnails,
    IOptions<ReportOptions> options,
    TimeProvider clock)
{
    private const int Steps = 5;

    public ReportOptions Options => options.Value;

    /// <param name="automatic">Automatic labels per post id (from the vision library, through the composition root); null for none.</param>
    /// <param name="drivers">A trained drivers model of the profile; null to train one when <see cref="ReportOptions.TrainDrivers"/> is set.</param>
    /// <param name="trainDrivers">False: never train here (the app passes its stored model, or none).</param>
    /// <param name="postsOnly">Only the posts and KPIs (what a CSV holds): no label tables, drivers or thumbnails.</param>
    public async Task<ReportContent> BuildAsync(ReportRequest request, IReadOnlyDictionary<long, AutomaticLabels>? automatic = null, DriversModel? drivers = null,
        IProgress<ReportStep>? progress = null, CancellationToken cancellationToken = default, bool postsOnly = false, bool trainDrivers = true)
    {
        var settings = options.Value;
        trainDrivers &= settings.TrainDrivers;
        progress?.Report(new ReportStep(0, Steps, "Reading posts"));
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var profile = await context.Profiles.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.ProfileId, cancellationToken)
            ?? throw new KeyNotFoundException($"No profile {request.ProfileId}.");
        var scored = await popularity.GetAsync(request.ProfileId, cancellationToken: cancellationToken);
        var details = await context.Posts.AsNoTracking().Where(p => p.ProfileId == request.ProfileId)
            .Select(p => new
            {
                p.Id, p.Caption, p.Permalink, p.VideoViews, p.DurationSeconds,
                Cover = p.Media.OrderBy(m => m.Position).Select(m => new { m.MediaAsset!.StoragePath, m.MediaAsset.ContentType }).FirstOrDefault(),
            })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var allPosts = await engagement.LoadPostsAsync(request.ProfileId, automatic, cancellationToken);
        var byId = allPosts.ToDictionary(p => p.PostId);

        var classes = scored.Settings.Classes;
        var classNames = Enumerable.Range(0, classes).Select(c => ClassSettings.ClassName(c, classes)).ToList();
        var none = new Dictionary<string, string>();
        var posts = scored.Posts.Where(s => request.Contains(s.PublishedUtc)).Select(s =>
        {
            var d = details[s.PostId];
            var e = byId.GetValueOrDefault(s.PostId);
            return new ReportPost(s.PostId, s.PlatformPostId, s.PublishedUtc, s.MediaType, d.Caption, d.Permalink,
                s.Likes, s.Comments, s.Shares, s.Saves, s.Impressions, s.Reach, d.VideoViews, d.DurationSeconds,
                double.IsFinite(s.Followers) ? s.Followers : null, s.FollowersExtrapolated, s.PopularityRate, s.EngagementRate,
                s.Class, s.Class is { } c ? classNames[c] : null, s.Percentile,
                e?.ManualLabels ?? none, e?.Automatic, d.Cover?.StoragePath, d.Cover?.ContentType);
        }).ToList();

        progress?.Report(new ReportStep(1, Steps, "Engagement by label"));
        var inRange = allPosts.Where(p => request.Contains(p.PublishedUtc)).ToList();
        if (postsOnly)
        {
            progress?.Report(new ReportStep(Steps, Steps, "Content ready"));
            return new ReportContent(profile.Name, profile.Platform, request.From, request.To, clock.GetUtcNow().UtcDateTime,
                Kpis(posts, classes), classNames, posts, null, null, [], [], new Dictionary<long, byte[]>(), request.Sections);
        }
        // One rate for the whole report: the one the drivers model measures over the whole history, also for the
        // label tables of a shorter range (which would otherwise choose again on their own posts).
        var target = ReportTarget.Choose(allPosts, engagement.Options);
        var labels = inRange.Count > 0 ? await Task.Run(() => LabelBreakdowns.Compute(inRange, target.Fix(engagement.Options)), cancellationToken) : null;

        var wantsDrivers = request.Sections.HasFlag(ReportSections.Drivers);
        progress?.Report(new ReportStep(2, Steps, wantsDrivers && drivers is null && trainDrivers ? "Training the drivers model" : "Drivers"));
        if (!wantsDrivers)
            drivers = null;
        else if (drivers is null && trainDrivers && settings.TopDrivers > 0)
        {
            try
            {
                drivers = await Task.Run(() => DriversTrainer.Train(allPosts, engagement.Options, cancellationToken), cancellationToken);
            }
            catch (InvalidOperationException)
            {
                // Too few posts with a rate: the report says there is no drivers model.
            }
        }
        progress?.Report(new ReportStep(3, Steps, "Partial dependence of the top drivers"));
        var driverSection = drivers is null || settings.TopDrivers == 0 ? null : await Task.Run(() => Drivers(drivers, settings.TopDrivers, request.Sections), cancellationToken);

        progress?.Report(new ReportStep(4, Steps, "Thumbnails of the best and worst posts"));
        var ranked = posts.Where(p => p.Percentile is not null).OrderByDescending(p => p.Percentile).ThenByDescending(p => p.PopularityRate).ToList();
        var count = request.Sections.HasFlag(ReportSections.BestAndWorst) ? Math.Min(settings.BestWorstPosts, ranked.Count / 2) : 0;
        var best = ranked.Take(count).ToList();
        var worst = ranked.Skip(ranked.Count - count).Reverse().ToList();
        var pictures = new Dictionary<long, byte[]>();
        foreach (var post in best.Concat(worst))
        {
            if (post.CoverStoragePath is null || post.CoverContentType is null)
                continue;
            var thumbnail = await thumbnails.CreateAsync(post.CoverStoragePath, post.CoverContentType, settings.ThumbnailPixels, cancellationToken);
            if (thumbnail is not null)
                pictures[post.PostId] = thumbnail;
        }
        progress?.Report(new ReportStep(5, Steps, "Content ready"));

        return new ReportContent(profile.Name, profile.Platform, request.From, request.To, clock.GetUtcNow().UtcDateTime,
            Kpis(posts, classes), classNames, posts, labels, driverSection, best, worst, pictures, request.Sections, target);
    }

    private static ReportKpis Kpis(IReadOnlyList<ReportPost> posts, int classes)
    {
        var por = posts.Where(p => p.PopularityRate is not null).Select(p => p.PopularityRate!.Value).ToList();
        var er = posts.Where(p => p.EngagementRate is not null).Select(p => p.EngagementRate!.Value).ToList();
        var followers = posts.Where(p => p.Followers is not null).OrderBy(p => p.PublishedUtc).ToList();
        var perClass = new int[classes];
        foreach (var p in posts)
            if (p.Class is { } c) perClass[c]++;
        return new ReportKpis(posts.Count,
            posts.Count(p => p.MediaType == MediaType.Image), posts.Count(p => p.MediaType == MediaType.Video), posts.Count(p => p.MediaType == MediaType.Carousel),
            new ReportStatistic("Median Popularity Rate", por.Count > 0 ? Descriptive.Median(por) : null, por.Count, "% of followers"),
            new ReportStatistic("Median engagement rate", er.Count > 0 ? Descriptive.Median(er) : null, er.Count, "% of impressions"),
            posts.Sum(p => p.Likes + p.Comments),
            followers.FirstOrDefault()?.Followers, followers.LastOrDefault()?.Followers, perClass);
    }

    private static ReportDrivers Drivers(DriversModel model, int top, ReportSections sections)
    {
        var metrics = model.Metrics;
        // The model sees every feature; the report leaves the sensitive-content flag out unless it was asked for.
        bool Shown(string feature) => sections.HasFlag(ReportSections.SensitiveContent) || feature != Vocabulary.Terms.SensitiveCategory;
        var importances = metrics.Importances.Where(i => Shown(i.Feature)).ToList();
        var mean = model.Rows.Length > 0 ? model.PredictBatch(model.Rows).Average(v => (double)v) : 0;
        // Without a validated model there is no importance ranking; the features then come in layout order.
        var ranked = importances.Count > 0
            ? importances
            : model.Layout.Features.Where(f => Shown(f.Name)).Select(f => new FeatureImportance(f.Name, f.Source, double.NaN, double.NaN, [])).ToList();
        var chosen = ranked.Take(top).Select(i => new ReportDriver(i.Feature, i.Source, i.MeanDrop, i.SdDrop,
            model.Rows.Length > 0 ? model.PartialDependence(i.Feature, iceCurves: 0) : null)).ToList();
        return new ReportDrivers(metrics.Target, metrics.Posts, metrics.CrossValidatedR2, metrics.BaselineR2, mean, chosen, importances);
    }
}
