using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Insights.Dashboard.Api;

/// <summary>
/// Request body limits per endpoint: the endpoint's own (imports: 2 GB; annotate: its limit) or a
/// small default for everything else. Too large a body is refused with 413 problem details before
/// it is read when its length is declared, and while it is read otherwise; a form the form reader
/// refuses (too many parts, broken multipart) with 400.
/// </summary>
public static class RequestLimits
{
    /// <summary>Body limit of endpoints that declare none (forms, JSON requests): 1 MB.</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultMaxBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        if (context.Request.ContentLength > limit)
        {
            await TooLargeAsync(context, limit);
            return;
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await TooLargeAsync(context, limit);
        }
        catch (InvalidDataException ex) when (!context.Response.HasStarted)
        {
            // A form beyond the form limits (more than 1,024 parts, a part header too long) or with a broken multipart body.
            await Results.Problem(title: "Malformed form", detail: $"The form could not be read: {ex.Message}", statusCode: StatusCodes.Status400BadRequest)
                .ExecuteAsync(context);
        }
    });

    private static Task TooLargeAsync(HttpContext context, long? limit) =>
        Results.Problem(
            title: "Request body too large",
            detail: $"This endpoint takes at most {limit:N0} bytes.",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            extensions: new Dictionary<string, object?> { ["limit"] = limit }).ExecuteAsync(context);
}
