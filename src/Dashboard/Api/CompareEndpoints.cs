using System.Security.Claims;
using System.Text;
using Insights.Analytics.Compare;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Compare;
using Insights.Dashboard.Model;

namespace Insights.Dashboard.Api;

public static class CompareEndpoints
{
    public static void MapCompareEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Compare").RequireAuthorization(Policies.Analytics);

        group.MapGet("/compare", async (string? profiles, string? from, string? to, ClaimsPrincipal user, CompareService comparison, CancellationToken cancellationToken) =>
        {
            if (!TryRead(profiles, from, to, out var names, out var range, out var problem))
                return problem;
            var model = await comparison.BuildAsync(user, names, range.From, range.To, cancellationToken);
            if (model.Profiles.Count == 0)
                return ApiProblems.NotFound($"None of the profiles {string.Join(", ", names)} exists or is visible to you.");
            return Results.Ok(new
            {
                start = model.Start,
                end = model.End,
                unknown = model.Unknown,
                profiles = model.Profiles.Select((p, i) => new
                {
                    p.Name, p.Platform, p.Posts, p.Images, p.Carousels, p.Videos, p.PostsPerWeek,
                    por = Rate(p.Por), er = Rate(p.Er),
                    p.FollowersStart, p.FollowersEnd, p.FollowerGrowth,
                    labelTarget = model.LabelTargets[i],
                    definitions = MetricDefinitions.For(p.Platform).Select(d => new { d.Metric, d.Formula, d.Available }),
                }),
                labels = model.Labels.Select(l => new
                {
                    l.Category, l.Value, l.Opposite,
                    lifts = l.Cells.Select(c => c is null ? null : new { c.N, c.Lift, c.Low, c.High, c.Sparse }),
                }),
            });
        }).WithSummary("Several profiles side by side on one date range (profiles=a,b,c; from, to; default from the first to the last post of any): posts, media mix, posts per week, PoR and ER medians with 95% intervals and n, follower growth, lifts of the same labels, each platform's metric definitions.")
          .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/compare.csv", async (string? profiles, string? from, string? to, string? table, ClaimsPrincipal user, CompareService comparison, CancellationToken cancellationToken) =>
        {
            if (!TryRead(profiles, from, to, out var names, out var range, out var problem))
                return problem;
            if (table is not (null or "profiles" or "labels"))
                return ApiProblems.BadRequest($"table: '{table}' is not a table (expected profiles or labels).", "table");
            var model = await comparison.BuildAsync(user, names, range.From, range.To, cancellationToken);
            if (model.Profiles.Count == 0)
                return ApiProblems.NotFound($"None of the profiles {string.Join(", ", names)} exists or is visible to you.");
            var lines = table == "labels" ? ComparisonCsv.Labels(model) : ComparisonCsv.Profiles(model);
            var csv = string.Concat(lines.Select(line => line + "\n"));
            return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv", $"compare-{table ?? "profiles"}-{model.Start:yyyyMMdd}-{model.End:yyyyMMdd}.csv");
        }).WithSummary("The comparison as CSV: table=profiles (default, one row per profile) or table=labels (one row per label and profile).")
          .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static object Rate(RateSummary r) => new { r.N, median = Finite(r.Median), medianLow = Finite(r.MedianLow), medianHigh = Finite(r.MedianHigh), p05 = Finite(r.P05), p25 = Finite(r.P25), p75 = Finite(r.P75), p95 = Finite(r.P95) };

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static bool TryRead(string? profiles, string? from, string? to, out string[] names, out DayRange range, out IResult problem)
    {
        names = (profiles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        problem = Results.Empty;
        if (names.Length == 0)
        {
            problem = ApiProblems.BadRequest("profiles: name one or more profiles, comma-separated (profiles=a,b).", "profiles");
            range = default;
            return false;
        }
        if (names.Length > CompareService.MaxProfiles)
        {
            problem = ApiProblems.BadRequest($"profiles: at most {CompareService.MaxProfiles} profiles at a time.", "profiles");
            range = default;
            return false;
        }
        if (!DayRange.TryParse(from, to, out range, out var error))
        {
            problem = ApiProblems.BadRequest(error, error.StartsWith("from", StringComparison.Ordinal) ? "from" : "to");
            return false;
        }
        return true;
    }
}
