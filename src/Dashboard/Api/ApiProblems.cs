using Insights.Inference.Imaging;

namespace Insights.Dashboard.Api;

/// <summary>Problem-details responses with the field at fault, so every API error reads the same.</summary>
public static class ApiProblems
{
    public static IResult NotFound(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult BadRequest(string detail, string? field = null) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
            extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    /// <summary>A file the vision models refuse: 415 for an unsupported type, 413 for too many bytes or pixels, else 422; with the reason.</summary>
    public static IResult MediaRejected(string title, MediaRejection reason, string detail, string? field = null, string? file = null)
    {
        var status = reason switch
        {
            MediaRejection.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
            MediaRejection.TooManyBytes or MediaRejection.TooManyPixels => StatusCodes.Status413PayloadTooLarge,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        var extensions = new Dictionary<string, object?>();
        if (field is not null)
            extensions["field"] = field;
        if (file is not null)
            extensions["file"] = file;
        extensions["reason"] = reason.ToString();
        return Results.Problem(title: title, detail: detail, statusCode: status, extensions: extensions);
    }

    /// <summary>503 with Retry-After: the vision work queue shared by predictions, annotate and custom labels is full.</summary>
    public static IResult QueueFull(HttpContext context, Prediction.PredictionQueueFullException ex)
    {
        context.Response.Headers.RetryAfter = "5";
        return Results.Problem(title: "Too many uploads waiting", detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
