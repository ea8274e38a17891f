using System.Runtime.CompilerServices;
using System.Security.Claims;
using Insights.Analytics.Ingestion.Platforms;
using Insights.Analytics.Popularity;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Model;
using Insights.Dashboard.Profiles;

namespace Insights.Dashboard.Api;

/// <summary>One post as the API returns it: metrics (null where the export had none), rates and classes.</summary>
public sealed record PostDto(
    string Id, DateTime PublishedUtc, string MediaType,
    long Likes, long Comments, long? Shares, long? Saves, long? Impressions, long? Reach,
    double? FollowersAtPublish, bool FollowersExtrapolated,
    double? PopularityRate, double? EngagementRate, int? Class, string? ClassName, double? Percentile);

/// <summary>A profile as the API lists it.</summary>
/// <param name="TimeZone">The profile's own IANA time zone; null reads its hours and weekdays in the configured zone.</param>
public sealed record ProfileDto(int Id, string Name, string Platform, int PostCount, string? TimeZone);

/// <summary>Changes to a profile; a field left out (null) stays as it is.</summary>
/// <param name="TimeZone">An IANA zone id; "" goes back to the configured zone; null leaves it.</param>
public sealed record ProfileChangeDto(string? Name, string? Platform, string? TimeZone = null);

public static class ProfileEndpoints
{
    public static void MapProfileEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/profiles").WithTags("Profiles").RequireAuthorization(Policies.Analytics);

        group.MapGet("/", async (ClaimsPrincipal user, ProfileAccess access, CancellationToken cancellationToken) =>
            (await access.ListAsync(user, cancellationToken)).Select(p => new ProfileDto(p.Id, p.Name, p.Platform, p.PostCount, p.TimeZone)))
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

        group.MapPatch("/{profile}", async (string profile, HttpRequest request, ClaimsPrincipal user, ProfileAccess access, ProfileManagement management, CancellationToken cancellationToken) =>
        {
            if (await access.FindAsync(user, profile, cancellationToken) is not { } found)
                return ApiProblems.NotFound($"No profile '{profile}'.");
            // The body is read here, not bound, so that a caller without the right is refused before its content type is judged.
            ProfileChangeDto? change;
            try
            {
                change = request.HasJsonContentType() ? await request.ReadFromJsonAsync<ProfileChangeDto>(cancellationToken) : null;
            }
            catch (System.Text.Json.JsonException)
            {
                change = null;
            }
            if (change is null)
                return ApiProblems.BadRequest("Send JSON such as {\"name\": \"new-name\", \"platform\": \"tiktok\"}.", "body");
            if (change.Name is not null && ProfileNames.Problem(change.Name.Trim()) is { } nameProblem)
                return ApiProblems.BadRequest(nameProblem, "name");
            if (change.Platform is not null && PlatformCatalog.Problem(change.Platform) is { } platformProblem)
                return ApiProblems.BadRequest(platformProblem + ".", "platform");
            if (change.TimeZone is { Length: > 0 } zone && ProfileTimeZones.Problem(zone.Trim()) is { } zoneProblem)
                return ApiProblems.BadRequest(zoneProblem, "timeZone");
            // What is left to refuse is a name another profile has.
            if (await management.UpdateAsync(user, found, change.Name, change.Platform, change.TimeZone, cancellationToken) is { } taken)
                return Results.Problem(title: "The name is taken", detail: taken, statusCode: StatusCodes.Status409Conflict);
            var summary = (await access.Catalog.ListAsync(cancellationToken)).Single(p => p.Id == found.Id);
            return Results.Ok(new ProfileDto(summary.Id, summary.Name, summary.Platform, summary.PostCount, summary.TimeZone));
        })
        .RequireAuthorization(Policies.Import)
        .WithSummary("Renames the profile, changes its platform or its time zone (JSON: name, platform, timeZone; any may be left out; timeZone an IANA id such as Europe/Berlin, \"\" for the configured zone). Best times and recommendations read hours and weekdays in the profile's zone. 400 for a name, platform or time zone that cannot be used, 409 when another profile has the name. Audited.")
        .Produces<ProfileDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapDelete("/{profile}", async (string profile, string? confirm, ClaimsPrincipal user, ProfileAccess access, ProfileManagement management, CancellationToken cancellationToken) =>
        {
            if (await access.FindAsync(user, profile, cancellationToken) is not { } found)
                return ApiProblems.NotFound($"No profile '{profile}'.");
            if (confirm != found.Name)
                return ApiProblems.BadRequest($"Deleting removes every post, label, model and file of the profile for good: repeat its name in confirm={found.Name}.", "confirm");
            if (await management.DeleteAsync(user, found, cancellationToken) is not { } deleted)
                return ApiProblems.NotFound($"No profile '{profile}'.");
            return Results.Ok(new { name = deleted.Name, posts = deleted.Posts, mediaFiles = deleted.MediaFiles, filesDeleted = deleted.FilesDeleted });
        })
        .RequireAuthorization(Policies.Import)
        .WithSummary("Deletes the profile with its posts, follower snapshots, labels, imports, drafts, schedules, trained models and the files no other profile uses (confirm= must repeat its name). Audited.")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
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

