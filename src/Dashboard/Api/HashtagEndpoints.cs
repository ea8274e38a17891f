using System.Security.Claims;
using Insights.Analytics.Hashtags;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Model;

namespace Insights.Dashboard.Api;

public static class HashtagEndpoints
{
    public static void MapHashtagEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/profiles/{profile}/hashtags", async (string profile, string? from, string? to, int? minPosts, ClaimsPrincipal user, ProfileAccess access, HashtagService hashtags, CancellationToken cancellationToken) =>
        {
            var found = await access.FindAsync(user, profile, cancellationToken);
            if (found is null)
                return ApiProblems.NotFound($"No profile '{profile}'.");
            if (!DayRange.TryParse(from, to, out var range, out var error))
                return ApiProblems.BadRequest(error, error.StartsWith("from", StringComparison.Ordinal) ? "from" : "to");
            if (minPosts is < 2)
                return ApiProblems.BadRequest("minPosts: at least 2.", "minPosts");
            var (report, target) = await hashtags.GetAsync(found.Id, range.From, range.To, minPosts, cancellationToken);
            static object Tag(TagLift t) => new { tag = t.Tag, n = t.N, lift = t.Lift, low = t.Low, high = t.High };
            return Results.Ok(new
            {
                target,
                posts = report.Posts,
                minPosts = report.MinPosts,
                top = report.Top.Select(Tag),
                bottom = report.Bottom.Select(Tag),
                all = report.All.Select(Tag),
                pairs = report.Pairs.Select(p => new
                {
                    first = p.First, second = p.Second, n = p.N,
                    lift = double.IsFinite(p.Lift) ? p.Lift : (double?)null,
                    low = double.IsFinite(p.Low) ? p.Low : (double?)null,
                    high = double.IsFinite(p.High) ? p.High : (double?)null,
                }),
            });
        })
        .WithTags("Profiles")
        .RequireAuthorization(Policies.Analytics)
        .WithSummary("Each hashtag and mention as a label: n, lift of the posts with it over those without (ratio of medians) with its 95% interval; top and bottom lists ranked by the interval's near end; the pairs used together most. minPosts overrides Hashtags:MinPosts.")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
