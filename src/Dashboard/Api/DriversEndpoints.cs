using System.Security.Claims;
using Insights.Dashboard.Accounts;
using Insights.Analytics.Engagement;
using Insights.Analytics.Jobs;
using Insights.Analytics.Popularity;
using Insights.Dashboard.Drivers;

namespace Insights.Dashboard.Api;

public static class DriversEndpoints
{
    /// <summary>The drivers model's figures as JSON and the data of each Drivers figure as CSV.</summary>
    public static void MapDriversEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/profiles/{profile}/drivers").WithTags("Drivers").RequireAuthorization(Policies.Analytics);

        group.MapGet("", async (string profile, ClaimsPrincipal user, ProfileAccess catalog, DriversStore store, DriversScheduler scheduler, CancellationToken cancellationToken) =>
        {
            var (figures, problem) = await FiguresAsync(user, profile, catalog, store, scheduler, cancellationToken);
            if (figures is null)
                return problem!;
            var m = figures.Metrics;
            var stale = await scheduler.StateAsync(figures.ProfileId, cancellationToken) == DriversState.Stale;
            return Results.Ok(new
            {
                stamp = figures.Stamp,
                stale,
                trainedUtc = figures.TrainedUtc,
                target = m.Target,
                metric = m.Metric == TargetMetric.EngagementRate ? "engagement_rate" : "popularity_rate",
                detrended = m.Detrended,
                posts = m.Posts,
                features = m.Features,
                r2 = new { crossValidated = m.CrossValidatedR2, foldSd = m.CrossValidatedR2FoldSd, folds = m.Folds, baseline = m.BaselineR2 },
                timeOrdered = new { testFromUtc = m.HoldoutFromUtc, trainPosts = m.TrainPosts, testPosts = m.TestPosts, r2 = m.TimeOrderedR2, baseline = m.TimeOrderedBaselineR2 },
                importance = m.Importances.Select(i => new
                {
                    feature = i.Feature,
                    source = i.Source.ToString().ToLowerInvariant(),
                    r2Drop = i.MeanDrop,
                    sd = i.SdDrop,
                    repeats = i.Drops.Length,
                }),
                partialDependence = figures.Features.Select(f => new
                {
                    feature = f.Pdp.Feature,
                    source = f.Source.ToString().ToLowerInvariant(),
                    kind = f.Pdp.Kind.ToString().ToLowerInvariant(),
                    grid = f.Pdp.GridLabels,
                    gridValues = f.Pdp.Kind == FeatureKind.Numeric ? f.Pdp.GridValues : null,
                    relative = DriversView.RelativePdp(figures, f.Pdp),
                    logTarget = f.Pdp.Average,
                    iceCurves = f.Pdp.Ice.Length,
                    histogram = new { labels = f.Pdp.Histogram.Labels, counts = f.Pdp.Histogram.Counts, missing = f.Pdp.Histogram.Missing },
                }),
                pairs = figures.Pairs.Select(p => new { featureA = p.FeatureA, featureB = p.FeatureB }),
            });
        })
        .WithSummary("The drivers model: cross-validated and time-ordered R² beside the mean baseline, permutation importance with its spread, and partial dependence per feature (relative to the average prediction). 409 until trained (training is then queued); 404 for an unknown profile.");

        group.MapGet("/importance.csv", async (string profile, ClaimsPrincipal user, ProfileAccess catalog, DriversStore store, DriversScheduler scheduler, CancellationToken cancellationToken) =>
        {
            var (figures, problem) = await FiguresAsync(user, profile, catalog, store, scheduler, cancellationToken);
            return figures is null ? problem! : Csv(DriversCsv.Importance(figures), $"{profile}-importance.csv");
        })
        .WithSummary("Permutation importance per feature as CSV.");

        group.MapGet("/pdp.csv", async (string profile, string? feature, ClaimsPrincipal user, ProfileAccess catalog, DriversStore store, DriversScheduler scheduler, CancellationToken cancellationToken) =>
        {
            var (figures, problem) = await FiguresAsync(user, profile, catalog, store, scheduler, cancellationToken);
            if (figures is null)
                return problem!;
            if (feature is null || figures.Feature(feature) is not { } figure)
                return ApiProblems.BadRequest($"No feature '{feature}'. Known: {string.Join(", ", figures.Features.Select(f => f.Pdp.Feature))}.", "feature");
            return Csv(DriversCsv.PartialDependence(figures, figure), $"{profile}-pdp-{Safe(feature)}.csv");
        })
        .WithSummary("Partial dependence and ICE curves of one feature as CSV.");

        group.MapGet("/pdp2.csv", async (string profile, string? a, string? b, ClaimsPrincipal user, ProfileAccess catalog, DriversStore store, DriversScheduler scheduler, CancellationToken cancellationToken) =>
        {
            var (figures, problem) = await FiguresAsync(user, profile, catalog, store, scheduler, cancellationToken);
            if (figures is null)
                return problem!;
            if (a is null || b is null || a == b || figures.Feature(a) is null || figures.Feature(b) is null)
                return ApiProblems.BadRequest($"Name two different features as a and b. Known: {string.Join(", ", figures.Features.Select(f => f.Pdp.Feature))}.", a is null || figures.Feature(a) is null ? "a" : "b");
            var pair = await store.PairAsync(figures.ProfileId, a, b, 10, cancellationToken);
            return pair is null ? ApiProblems.NotFound("The model file is missing; training was queued.") : Csv(DriversCsv.Pair(figures, pair), $"{profile}-pdp-{Safe(a)}-{Safe(b)}.csv");
        })
        .WithSummary("Two-feature partial dependence as CSV.");

        group.MapGet("/map.csv", async (string profile, ClaimsPrincipal user, ProfileAccess catalog, DriversStore store, PopularityService popularity, CancellationToken cancellationToken) =>
        {
            var found = await catalog.FindAsync(user, profile, cancellationToken);
            if (found is null)
                return ApiProblems.NotFound($"No profile '{profile}'.");
            if (store.GetMap(found.Id) is not { } map)
                return Results.Problem(detail: "No content map yet: it is computed by the drivers job once the media have labels.", statusCode: StatusCodes.Status409Conflict, title: "Not computed yet");
            var scores = await popularity.GetAsync(found.Id, cancellationToken: cancellationToken);
            var posts = scores.Posts.ToDictionary(p => p.PostId, p => (p.PlatformPostId, p.EngagementRate ?? p.PopularityRate,
                p.Class is { } c ? ClassSettings.ClassName(c, scores.Settings.Classes) : null));
            return Csv(DriversCsv.Map(map, posts), $"{profile}-content-map.csv");
        })
        .WithSummary("The content map (t-SNE of the post embeddings) as CSV: post, x, y, rate, class.");
    }

    private static async Task<(DriversFigures? Figures, IResult? Problem)> FiguresAsync(ClaimsPrincipal user, string profile, ProfileAccess catalog, DriversStore store, DriversScheduler scheduler, CancellationToken cancellationToken)
    {
        var found = await catalog.FindAsync(user, profile, cancellationToken);
        if (found is null)
            return (null, ApiProblems.NotFound($"No profile '{profile}'."));
        // A stale model still serves; the freshness service queued its retraining when the data changed.
        if (store.GetFigures(found.Id) is { } figures)
            return (figures, null);
        var latest = await scheduler.LatestJobAsync(found.Id, cancellationToken);
        var labelling = (await scheduler.LatestLabellingAsync(found.Id, cancellationToken))?.Status is JobStatus.Queued or JobStatus.Running;
        var training = latest?.Status is JobStatus.Queued or JobStatus.Running;
        var hint = latest switch
        {
            _ when training => "Training is under way; try again in a minute.",
            _ when labelling => $"Training waits for the labels of the media of '{found.Name}'; it is queued when they are done.",
            { Status: JobStatus.Failed } => $"Training failed: {latest.Error}",
            _ => "Training is queued shortly; try again in a minute.",
        };
        return (null, Results.Problem(detail: $"The drivers model of '{found.Name}' is not trained yet. {hint}", statusCode: StatusCodes.Status409Conflict, title: "Not trained yet",
            extensions: new Dictionary<string, object?> { ["hint"] = hint, ["training"] = training }));
    }

    private static IResult Csv(string text, string fileName) =>
        Results.File(System.Text.Encoding.UTF8.GetBytes(text), "text/csv; charset=utf-8", fileName);

    private static string Safe(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
