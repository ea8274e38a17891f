using System.Security.Claims;
using Insights.Analytics.Timing;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Model;

namespace Insights.Dashboard.Api;

public static class TimingEndpoints
{
    public static void MapTimingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/profiles/{profile}/best-times", async (string profile, string? from, string? to, ClaimsPrincipal user, ProfileAccess access, BestTimesService times, CancellationToken cancellationToken) =>
        {
            var found = await access.FindAsync(user, profile, cancellationToken);
            if (found is null)
                return ApiProblems.NotFound($"No profile '{profile}'.");
            if (!DayRange.TryParse(from, to, out var range, out var error))
                return ApiProblems.BadRequest(error, error.StartsWith("from", StringComparison.Ordinal) ? "from" : "to");
            var result = await times.GetAsync(found.Id, range.From, range.To, cancellationToken);
            return Results.Ok(new
            {
                timeZone = result.TimeZone,
                target = result.Target,
                posts = result.Posts,
                minPosts = result.MinPosts,
                cells = result.Cells.Where(c => c.N > 0).Select(c => new
                {
                    day = c.Day.ToString(), c.Hour, c.N, c.Median, c.Low, c.High, c.Lift, c.LiftLow, c.LiftHigh, fewPosts = c.Sparse,
                }),
                best = result.Best.Select(s => new { day = s.Day.ToString(), s.FromHour, s.ToHour, s.N, s.Lift, s.LiftLow, s.LiftHigh }),
            });
        })
        .WithTags("Profiles")
        .RequireAuthorization(Policies.Analytics)
        .WithSummary("The rate by weekday and hour in the profile's time zone, else the configured one (cells with posts: n, median with its 95% interval, lift, few-posts flag) and the best 3-hour slots ranked by the lower bound of their lift.")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
