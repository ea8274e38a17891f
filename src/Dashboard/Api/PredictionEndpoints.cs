using System.Security.Claims;
using Insights.Dashboard.Accounts;
using Insights.Analytics.Drafts;
using Insights.Analytics.Storage;
using Insights.Dashboard.Prediction;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Microsoft.AspNetCore.Mvc;

namespace Insights.Dashboard.Api;

public static class PredictionEndpoints
{
    public static void MapPredictionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/profiles/{profile}/predictions", async (string profile, HttpRequest request, ClaimsPrincipal user, ProfileAccess profiles, PredictionService predictions, CancellationToken cancellationToken) =>
        {
            var target = await profiles.FindAsync(user, profile, cancellationToken);
            if (target is null)
                return ApiProblems.NotFound($"No profile '{profile}'.");
            if (!request.HasFormContentType)
                return ApiProblems.BadRequest("Send the draft image or video as multipart/form-data in the field 'file'.", "file");
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files.GetFile("file") is not { } file)
                return ApiProblems.BadRequest("The request has no field 'file'.", "file");

            try
            {
                await using var stream = file.OpenReadStream();
                var result = await predictions.PredictAsync(new ProfileRef(target.Id, target.Name), stream, file.FileName, CurrentUser.Id(request.HttpContext.User), cancellationToken);
                return Results.Ok(result);
            }
            catch (MediaRejectedException ex)
            {
                return Rejected(ex.Reason, ex.Message, file.FileName);
            }
            catch (PredictionQueueFullException ex)
            {
                return ApiProblems.QueueFull(request.HttpContext, ex);
            }
            catch (ModelUnavailableException ex)
            {
                return Results.Problem(title: "A vision model is not available", detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        })
        .WithTags("Predictions")
        .RequireAuthorization(Policies.Predict)
        .WithMetadata(new RequestSizeLimitAttribute(AnnotateEndpoints.MaxUploadBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = AnnotateEndpoints.MaxUploadBytes })
        .DisableAntiforgery()
        .WithSummary("Predicts how a draft image or video (multipart field 'file') would do on the profile: class and probabilities, expected percentile, the model's validated accuracy and baseline, labels, similar past posts, near-duplicate warning, label hints, heatmap link. Saved as the caller's draft. Before the profile's first classifier is trained the answer has the labels, hints and similar posts with class null and classNote saying why; GET /api/predictions/{id} adds the class once a model exists.");

        app.MapGet("/api/predictions/{id:long}", async (long id, HttpRequest request, ClaimsPrincipal user, PredictionService predictions, CancellationToken cancellationToken) =>
        {
            try
            {
                return await predictions.CompleteAsync(id, Owner(user), cancellationToken) is { } result ? Results.Ok(result) : ApiProblems.NotFound($"No prediction {id}.");
            }
            catch (PredictionQueueFullException ex)
            {
                return ApiProblems.QueueFull(request.HttpContext, ex);
            }
            catch (ModelUnavailableException ex)
            {
                return Results.Problem(title: "A vision model is not available", detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        })
            .WithTags("Predictions").RequireAuthorization(Policies.Predict)
            .WithSummary("A saved prediction. One saved before the profile had a classifier (class null) gets its class here once the first model is trained.");

        app.MapGet("/api/predictions/{id:long}/heatmap.png", async (long id, ClaimsPrincipal user, PredictionService predictions, IFileStore store, CancellationToken cancellationToken) =>
            await predictions.OpenAsync(id, Owner(user), cancellationToken) is { HeatmapPath.Length: > 0 } result && store.Exists(result.HeatmapPath)
                ? Immutable(store, result.HeatmapPath, "image/png")
                : ApiProblems.NotFound($"No heatmap for prediction {id}."))
            .WithTags("Predictions").RequireAuthorization(Policies.Predict).WithSummary("The class activation map of the predicted class, colour-mapped (blue low, red high), at the draft's aspect ratio; for a video, the first sampled frame's.");

        app.MapGet("/api/predictions/{id:long}/frames/{index:int}/{kind}", async (long id, int index, string kind, ClaimsPrincipal user, PredictionService predictions, IFileStore store, CancellationToken cancellationToken) =>
        {
            if (await predictions.OpenAsync(id, Owner(user), cancellationToken) is not { } result || index < 0 || index >= result.Frames.Count)
                return ApiProblems.NotFound($"No frame {index} in prediction {id}.");
            var frame = result.Frames[index];
            return kind switch
            {
                "frame.jpg" when store.Exists(frame.FramePath) => Immutable(store, frame.FramePath, "image/jpeg"),
                "heatmap.png" when store.Exists(frame.HeatmapPath) => Immutable(store, frame.HeatmapPath, "image/png"),
                _ => ApiProblems.NotFound($"No {kind} for frame {index} of prediction {id}."),
            };
        }).RequireAuthorization(Policies.Predict).ExcludeFromDescription();

        app.MapGet("/api/predictions/{id:long}/file", async (long id, ClaimsPrincipal user, DraftStore drafts, IFileStore store, CancellationToken cancellationToken) =>
            await drafts.GetAsync(id, Owner(user), cancellationToken) is { } draft && store.Exists(draft.StoragePath)
                ? Results.File(store.FullPath(draft.StoragePath), draft.ContentType, enableRangeProcessing: true)
                : ApiProblems.NotFound($"No draft file for prediction {id}."))
            .RequireAuthorization(Policies.Predict).ExcludeFromDescription();
    }

    // Admins may open any draft; everyone else only their own (another user's draft reads as missing).
    private static string? Owner(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) ? null : CurrentUser.Id(user);

    private static IResult Immutable(IFileStore store, string path, string contentType) =>
        Results.File(store.FullPath(path), contentType);

    private static IResult Rejected(MediaRejection reason, string message, string fileName) =>
        ApiProblems.MediaRejected("The draft cannot be read", reason, message, field: "file", file: fileName);
}
