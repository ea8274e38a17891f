using System.Security.Claims;
using Insights.Analytics.Taxonomy;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Prediction;
using Insights.Dashboard.Taxonomy;

namespace Insights.Dashboard.Api;

/// <summary>A decision on one suggested value: the post (its platform id), the category and the value.</summary>
public sealed record SuggestionDecisionRequest(string? Post, string? Category, string? Value);

public static class SuggestionEndpoints
{
    public static void MapSuggestionEndpoints(this IEndpointRouteBuilder app)
    {
        const string route = "/api/profiles/{profile}/suggestions";

        app.MapGet(route, async (string profile, string? category, ClaimsPrincipal user, ProfileAccess access, TaxonomyStore store, TaxonomyScheduler scheduler, CancellationToken cancellationToken) =>
        {
            if (await access.FindAsync(user, profile, cancellationToken) is not { } found)
                return ApiProblems.NotFound($"No profile '{profile}'.");
            // Stored heads serve while stale; the freshness service queues the relearning when the labels change.
            var training = await scheduler.TrainingAsync(found.Id, cancellationToken);
            var categories = await store.CategoriesAsync(found.Id, cancellationToken);
            if (categories.Count == 0 && training)
                return Results.Problem(detail: $"The taxonomy of '{found.Name}' is being learned in the background; try again in a minute.", statusCode: StatusCodes.Status409Conflict,
                    title: "Not learned yet", extensions: new Dictionary<string, object?> { ["training"] = true });
            if (string.IsNullOrWhiteSpace(category) || categories.All(c => c.Category != category))
            {
                var known = categories.Count == 0 ? "none yet (categories are learned in the background once posts have manual labels)" : string.Join(", ", categories.Select(c => c.Category));
                return ApiProblems.BadRequest($"{(string.IsNullOrWhiteSpace(category) ? "Give ?category=" : $"No learned category '{category}'")}. Known: {known}.", "category");
            }
            var learned = categories.First(c => c.Category == category);
            var values = await store.ValuesAsync(found.Id, category, cancellationToken: cancellationToken);
            return Results.Ok(new
            {
                category,
                trainedUtc = learned.TrainedUtc,
                fresh = !training && await scheduler.IsFreshAsync(found.Id, cancellationToken),
                training,
                reason = learned.Reason,
                validation = learned.Validation is { } v ? Validation(v) : null,
                posts = values.Select(p => new
                {
                    post = p.PlatformPostId,
                    value = p.Value,
                    confidence = p.Confidence,
                    source = p.Manual ? "manual" : "suggested",
                }),
            });
        })
        .WithTags("Labels")
        .RequireAuthorization(Policies.Analytics)
        .Produces(StatusCodes.Status200OK, contentType: "application/json")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
        .WithSummary("The values of one manual label category on every post: given by hand (source manual) or suggested by the learned head with its confidence (0..1), and the category's cross-validation: micro and macro F1 of the rule chosen (top-k or per-value thresholds) and of the other, the majority baseline, per value precision, recall and n, and the values too rare to learn. 409 while the first learning runs; a stale taxonomy still serves while the relearning, queued when the labels change, runs.");

        app.MapPost(route + "/accept", (string profile, HttpRequest request, ClaimsPrincipal user, ProfileAccess access, TaxonomyStore store, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
            DecideAsync(profile, request, user, access, store, audit, accept: true, clock, cancellationToken))
        .WithTags("Labels")
        .RequireAuthorization(Policies.Import)
        .Produces(StatusCodes.Status204NoContent)
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
        .WithSummary("Accepts a suggested value (JSON: post, category, value): it becomes a manual label of the post, recorded in the audit log.");

        app.MapPost(route + "/reject", (string profile, HttpRequest request, ClaimsPrincipal user, ProfileAccess access, TaxonomyStore store, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
            DecideAsync(profile, request, user, access, store, audit, accept: false, clock, cancellationToken))
        .WithTags("Labels")
        .RequireAuthorization(Policies.Import)
        .Produces(StatusCodes.Status204NoContent)
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
        .WithSummary("Rejects a suggested value (JSON: post, category, value): it is hidden and never suggested for that post again, recorded in the audit log.");
    }

    private static async Task<IResult> DecideAsync(string profile, HttpRequest http, ClaimsPrincipal user, ProfileAccess access, TaxonomyStore store,
        IAuditLog audit, bool accept, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(user, profile, cancellationToken) is not { } found)
            return ApiProblems.NotFound($"No profile '{profile}'.");
        // Read here rather than bound: a bound JSON body makes routing answer 415 before authorization has refused the caller.
        SuggestionDecisionRequest? body;
        try
        {
            body = await http.ReadFromJsonAsync<SuggestionDecisionRequest>(cancellationToken);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return ApiProblems.BadRequest($"Send JSON {{\"post\": ..., \"category\": ..., \"value\": ...}} with Content-Type application/json ({ex.Message})");
        }
        if (body is not { } request)
            return ApiProblems.BadRequest("Send JSON {\"post\": ..., \"category\": ..., \"value\": ...}.");
        if (string.IsNullOrWhiteSpace(request.Post))
            return ApiProblems.BadRequest("Give the post's id ('post').", "post");
        if (string.IsNullOrWhiteSpace(request.Category))
            return ApiProblems.BadRequest("Give the category ('category').", "category");
        if (string.IsNullOrWhiteSpace(request.Value))
            return ApiProblems.BadRequest("Give the suggested value ('value').", "value");
        if (await store.PostIdAsync(found.Id, request.Post, cancellationToken) is not { } postId)
            return ApiProblems.NotFound($"No post '{request.Post}' in profile '{found.Name}'.");
        var userId = CurrentUser.Id(user);
        var decision = accept
            ? await store.AcceptAsync(found.Id, postId, request.Category, request.Value, cancellationToken)
            : await store.RejectAsync(found.Id, postId, request.Category, request.Value, userId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (decision == SuggestionDecision.NotFound)
            return ApiProblems.NotFound($"Post '{request.Post}' has no open suggestion {request.Category} = '{request.Value}'.");
        await audit.WriteAsync(userId, AuditActions.Suggestion, $"{(accept ? "accepted" : "rejected")} {request.Category} = '{request.Value}' for post '{request.Post}' of '{found.Name}'", cancellationToken);
        return Results.NoContent();
    }

    /// <summary>A category's validation as the API gives it.</summary>
    public static object Validation(CategoryValidation v) => new
    {
        rule = RuleName(v.Rule),
        k = v.TopK,
        posts = v.Posts,
        postsWithSeveralValues = v.PostsWithSeveralValues,
        folds = v.Folds,
        repeats = v.Repeats,
        f1 = new { micro = v.Chosen.MicroF1, microSd = v.Chosen.MicroF1Sd, macro = v.Chosen.MacroF1, macroSd = v.Chosen.MacroF1Sd },
        topK = new { micro = v.TopKScore.MicroF1, macro = v.TopKScore.MacroF1 },
        threshold = new { micro = v.ThresholdScore.MicroF1, macro = v.ThresholdScore.MacroF1 },
        baseline = new { value = v.MajorityValue, micro = v.Baseline.MicroF1, macro = v.Baseline.MacroF1 },
        beatsBaseline = v.BeatsBaseline,
        values = v.Values.Select(x => new { value = x.Value, n = x.Posts, precision = x.Precision, recall = x.Recall, f1 = x.F1, suggestedPerRepeat = x.Suggested, threshold = x.Threshold }),
        rareValues = v.RareValues.Select(x => new { value = x.Value, n = x.Posts }),
    };

    public static string RuleName(SuggestionRule rule) => rule == SuggestionRule.TopK ? "top-k" : "threshold";
}
