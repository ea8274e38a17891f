using Insights.Dashboard.Accounts;
using Insights.Dashboard.Prediction;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Vision;
using Microsoft.AspNetCore.Mvc;

namespace Insights.Dashboard.Api;

public static class AnnotateEndpoints
{
    /// <summary>Largest upload the endpoint reads; the labelers apply their own, smaller limits per type. 2 GB.</summary>
    public const long MaxUploadBytes = 2L * 1024 * 1024 * 1024;

    public static void MapAnnotateEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/annotate", async (HttpRequest request, bool? featureMap, MediaAnnotator annotator, PredictionQueue queue, CancellationToken cancellationToken) =>
        {
            if (!request.HasFormContentType)
                return ApiProblems.BadRequest("Send the image or video as multipart/form-data in the field 'file'.", "file");
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files.GetFile("file") is not { } file)
                return ApiProblems.BadRequest("The request has no field 'file'.", "file");
            if (file.Length == 0)
                return Rejected(MediaRejection.Corrupt, $"'{file.FileName}' is empty.");

            try
            {
                await using var stream = file.OpenReadStream();
                // Decoding and the models run in the bounded queue shared with predictions: parallel large uploads wait or get 503.
                var annotation = await queue.RunAsync(ct => annotator.AnnotateAsync(stream, file.FileName, ct), cancellationToken);
                // The feature map (62,720 numbers) is for class activation maps; sent only when asked for.
                LabelSet Trim(LabelSet labels) => featureMap == true ? labels : labels with { FeatureMap = null };
                return Results.Ok(new
                {
                    file = file.FileName,
                    labels = Trim(annotation.Labels),
                    frames = annotation.Frames.Select(f => new { seconds = f.Seconds, labels = Trim(f.Labels) }),
                });
            }
            catch (MediaRejectedException ex)
            {
                return Rejected(ex.Reason, ex.Message);
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
        .WithTags("Labels")
        .RequireAuthorization(Policies.Predict)
        .Produces(StatusCodes.Status200OK, contentType: "application/json")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxUploadBytes })
        .DisableAntiforgery()
        .WithSummary("Labels one image or video (multipart field 'file'): people, faces, objects and animals, text overlay, drawing and nsfw scores, visual stats, embedding; per sampled frame for videos.");
    }

    private static IResult Rejected(MediaRejection reason, string message) =>
        ApiProblems.MediaRejected("The file cannot be labelled", reason, message, field: "file");
}
