using System.Security.Claims;
using Insights.Analytics.Jobs;
using Insights.Dashboard.Accounts;

namespace Insights.Dashboard.Api;

public static class JobEndpoints
{
    /// <summary>Most jobs one list answers, newest first.</summary>
    public const int MaxListed = 200;

    /// <summary>GET /api/jobs and /api/jobs/{id}: job state from the database, whichever process runs the job; only jobs of profiles the caller may see.</summary>
    public static void MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Jobs").RequireAuthorization(Policies.Analytics);

        group.MapGet("", async (string? profile, string? status, ClaimsPrincipal user, ProfileAccess access, JobQueue queue, CancellationToken cancellationToken) =>
        {
            JobStatus? wanted = null;
            if (status is not null)
            {
                if (!Enum.TryParse<JobStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(status[0]))
                    return ApiProblems.BadRequest($"No job status '{status}'. Known: queued, running, succeeded, failed.", "status");
                wanted = parsed;
            }
            var visible = await access.VisibleIdsAsync(user, cancellationToken);
            IReadOnlyCollection<int>? profiles = visible;
            if (profile is not null)
            {
                if (await access.FindAsync(user, profile, cancellationToken) is not { } found)
                    return ApiProblems.NotFound($"No profile '{profile}'.");
                profiles = [found.Id];
            }
            // Jobs of no profile (the demo import) are listed only to those who see every profile.
            var jobs = await queue.ListAsync(profiles, includeUnprofiled: visible is null && profile is null, wanted, MaxListed, cancellationToken);
            return Results.Ok(jobs.Select(Describe));
        })
        .WithSummary($"Jobs newest first (at most {MaxListed}): id, kind, profile, status, done, total, message, started, finished. Filters: profile (name or id), status (queued, running, succeeded, failed).");

        group.MapGet("/{id:long}", async (long id, ClaimsPrincipal user, ProfileAccess access, JobQueue queue, CancellationToken cancellationToken) =>
        {
            var job = await queue.GetAsync(id, cancellationToken);
            var visible = job is not null && (job.ProfileId is { } profileId
                ? await access.CanSeeAsync(user, profileId, cancellationToken)
                : await access.VisibleIdsAsync(user, cancellationToken) is null);
            return visible ? Results.Ok(Describe(job!)) : ApiProblems.NotFound($"No job {id}.");
        })
        .WithSummary("One job's state; 404 for an unknown job or one of a profile the caller may not see.");
    }

    private static object Describe(BackgroundJob job) => new
    {
        id = job.Id,
        kind = job.Kind,
        profile = job.ProfileId,
        title = job.Title,
        status = job.Status.ToString().ToLowerInvariant(),
        done = job.Done,
        total = job.Total,
        message = job.Message,
        error = job.Error,
        attempts = job.Attempts,
        started = job.StartedUtc,
        finished = job.FinishedUtc,
    };
}
