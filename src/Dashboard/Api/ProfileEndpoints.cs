using System.Runtime.CompilerServices;
using System.Security.Claims;
using Insights.Analytics.Popularity;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Model;

namespace Insights.Dashboard.Api;

/// <summary>One post as the API returns it: metrics (null where the export had none), rates and classes.</summary>
public sealed record PostDto(
    string Id, DateTime PublishedUtc, string MediaType,
    long Likes, long Comments, long? Shares, long? Saves, long? Impressions, long? Reach,
    double? FollowersAtPublish, bool FollowersExtrapolated,
    double? PopularityRate, double? EngagementRate, int? Class, string? ClassName, double? Percentile);

/// <summary>A profile as the API lists it.</summary>
public sealed record ProfileDto(int Id, string Name, string Platform, int PostCount);

public static class ProfileEndpoints
{
    public static void MapProfileEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/profiles").WithTags("Profiles").RequireAuthorization(Policies.Analytics);

        group.MapGet("/", async (ClaimsPrincipal user, ProfileAccess access, CancellationToken cancellationToken) =>
            (await access.ListAsync(user, cancellationToken)).Select(p => new ProfileDto(p.Id, p.Name, p.Platform, p.PostCount)))
            .WithSummary("Every profile the caller may see, with its id, name, platform and post count.");

        group.MapGet("/{profile}/posts", async (string profile, string? from, string? to, ClaimsPrincipal user, ProfileAccess access, PopularityService popularity, CancellationToken cancellationToken) =>
        {
            var found = await access.FindAsync(user, profile, cancellationToken);
            if (found is null)
                return ApiProblems.NotFound($"No profile '{profile}'.");
            if (!DayRange.TryParse(from, to, out var range, out var error))
                return ApiProblems.BadRequest(error, error.StartsWith("from", StringComparison.Ordinal) ? "from" : "to");
            var scores = await popularity.GetAsync(found.Id, cancellationToken: cancellationToken);
            return Results.Ok(Stream(scores, range, cancellationToken));
        }).WithSummary("Every post of the profile in the range (the whole history without from/to), streamed, with metrics, PoR and class.")
          .Produces<IEnumerable<PostDto>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    // Yielded one by one, so the response is written as a stream rather than built in memory.
    private static async IAsyncEnumerable<PostDto> Stream(ProfilePopularity scores, DayRange range, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var classes = scores.Settings.Classes;
        foreach (var p in scores.Posts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!range.Contains(p.PublishedUtc))
                continue;
            yield return new PostDto(
                p.PlatformPostId, p.PublishedUtc, p.MediaType.ToString().ToLowerInvariant(),
                p.Likes, p.Comments, p.Shares, p.Saves, p.Impressions, p.Reach,
                double.IsFinite(p.Followers) ? Math.Round(p.Followers, 1) : null, p.FollowersExtrapolated,
                p.PopularityRate, p.EngagementRate, p.Class,
                p.Class is { } c ? ClassSettings.ClassName(c, classes) : null, p.Percentile);
        }
        await Task.CompletedTask;
    }
}

