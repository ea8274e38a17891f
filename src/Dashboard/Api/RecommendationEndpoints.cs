using System.Security.Claims;
using Insights.Analytics.Recommendations;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Model;
using Insights.Dashboard.Recommendations;

namespace Insights.Dashboard.Api;

public static class RecommendationEndpoints
{
    public static void MapRecommendationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/profiles/{profile}/recommendations", async (string profile, string? from, string? to, ClaimsPrincipal user, ProfileAccess access, RecommendationService recommendations, CancellationToken cancellationToken) =>
        {
            var found = await access.FindAsync(user, profile, cancellationToken);
            if (found is null)
                return ApiProblems.NotFound($"No profile '{profile}'.");
            if (!DayRange.TryParse(from, to, out var range, out var error))
                return ApiProblems.BadRequest(error, error.StartsWith("from", StringComparison.Ordinal) ? "from" : "to");
            var view = await recommendations.GetAsync(found.Id, range.From, range.To, cancellationToken);
            var result = view.Result;
            object Item(Recommendation r) => new
            {
                feature = r.Feature,
                value = r.Value,
                advice = r.Advice,
                predictedLift = r.PredictedLift,
                low = r.Low,
                high = r.High,
                n = r.N,
                observedLift = r.ObservedLift,
                observedLow = r.ObservedLow,
                observedHigh = r.ObservedHigh,
                examples = r.Examples.Where(view.Examples.ContainsKey).Select(id => view.Examples[id]).Select(e => new
                {
                    postId = e.PlatformPostId,
                    publishedUtc = e.PublishedUtc,
                    permalink = e.Permalink,
                    thumbnail = e.Sha256 is null ? null : $"/media/{e.Sha256}/thumbnail?size=320",
                }),
            };
            return Results.Ok(new
            {
                note = "Associations in the profile's history, not causes: posts that made a choice did better (or worse) than those that chose otherwise.",
                basis = result.Basis == RecommendationBasis.Model ? "model" : "observed",
                modelR2 = result.ModelR2,
                interactions = result.Interactions.Select(i => new { featureA = i.FeatureA, featureB = i.FeatureB, hSquared = i.HSquared }),
                target = result.Target,
                posts = result.Posts,
                timeZone = view.TimeZone,
                minPosts = result.MinPosts,
                choicesTested = result.ChoicesTested,
                intervalLevel = result.IntervalLevel,
                items = result.Suggestions.Select(Item),
                avoid = result.Avoid.Select(Item),
            });
        })
        .WithTags("Profiles")
        .RequireAuthorization(Policies.Analytics)
        .WithSummary("Suggestions of what to post next (media type, manual and automatic labels, custom labels, time of day, weekday, hashtag count, caption length, video duration): per item feature, value, predictedLift (the drivers model's partial dependence; null with basis 'observed' until a model is trained) with low and high (intervals widened for the choices tested), n, the observed lift among past posts with its 95% interval and 3 example posts; ranked by the lower bound; pairs of choices where the model shows an interaction. 'avoid' lists what does clearly worse.")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
