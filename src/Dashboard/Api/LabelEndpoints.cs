using Insights.Analytics.Engagement;
using System.Security.Claims;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Labels;

namespace Insights.Dashboard.Api;

public static class LabelEndpoints
{
    public static void MapLabelEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/profiles/{profile}/labels", async (string profile, string? category, ClaimsPrincipal user, ProfileAccess access, EngagementService engagement, PostLabelSource labels, CancellationToken cancellationToken) =>
        {
            var found = await access.FindAsync(user, profile, cancellationToken);
            if (found is null)
                return ApiProblems.NotFound($"No profile '{profile}'.");
            var automatic = await labels.AutomaticLabelsAsync(found.Id, cancellationToken);
            var breakdown = await engagement.GetBreakdownAsync(found.Id, automatic, cancellationToken: cancellationToken);
            var categories = breakdown.Categories.Where(c => category is null || c.Category == category).ToList();
            if (categories.Count == 0)
                return ApiProblems.BadRequest($"No label category '{category}'. Known: {string.Join(", ", breakdown.Categories.Select(c => c.Category))}.", "category");
            return Results.Ok(new
            {
                target = breakdown.Target,
                metric = breakdown.Metric == TargetMetric.EngagementRate ? "engagement_rate" : "popularity_rate",
                detrended = breakdown.Detrended,
                posts = breakdown.Posts,
                automaticallyLabelledPosts = automatic.Count,
                resamples = breakdown.Resamples,
                categories = categories.Select(c => new
                {
                    category = c.Category,
                    source = c.Source.ToString().ToLowerInvariant(),
                    values = c.Rows.Select(r => new
                    {
                        value = r.Value,
                        group = LabelBreakdowns.GroupName(r.Group),
                        n = r.N,
                        median = r.Median,
                        medianLow = r.MedianLow,
                        medianHigh = r.MedianHigh,
                        lift = r.Lift,
                        liftLow = r.LiftLow,
                        liftHigh = r.LiftHigh,
                        sparse = r.Sparse,
                    }),
                }),
            });
        })
        .WithTags("Labels")
        .RequireAuthorization(Policies.Analytics)
        .Produces(StatusCodes.Status200OK, contentType: "application/json")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
        .WithSummary("Engagement by label: per value and media group, n, median of the target with its 95% bootstrap interval, and the lift against the group's median. Without ?category every category is returned.");
    }
}
