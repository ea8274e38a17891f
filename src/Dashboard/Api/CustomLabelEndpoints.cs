using System.Security.Claims;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Prediction;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Microsoft.AspNetCore.Mvc;

namespace Insights.Dashboard.Api;

public static class CustomLabelEndpoints
{
    /// <summary>Largest request: up to 40 images (or short videos). 1 GB.</summary>
    public const long MaxUploadBytes = 1024L * 1024 * 1024;

    public static void MapCustomLabelEndpoints(this IEndpointRouteBuilder app)
    {
        const string route = "/api/profiles/{profile}/custom-labels";

        app.MapGet(route, async (string profile, ClaimsPrincipal user, ProfileAccess access, CustomLabelService custom, CancellationToken cancellationToken) =>
            await access.FindAsync(user, profile, cancellationToken) is { } found
                ? Results.Ok(await custom.ListAsync(found.Id, cancellationToken))
                : ApiProblems.NotFound($"No profile '{profile}'."))
        .WithTags("Labels")
        .RequireAuthorization(Policies.Analytics)
        .Produces<IReadOnlyList<CustomLabelView>>()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .WithSummary("The profile's custom labels: threshold, examples, how well the threshold separates them, and how many posts have each.");

        app.MapPost(route, async (string profile, HttpRequest request, ClaimsPrincipal user, ProfileAccess access, CustomLabelService custom, IAuditLog audit, CancellationToken cancellationToken) =>
        {
            if (await access.FindAsync(user, profile, cancellationToken) is not { } found)
                return ApiProblems.NotFound($"No profile '{profile}'.");
            if (!request.HasFormContentType)
                return ApiProblems.BadRequest("Send multipart/form-data: 'name', two or more files in 'example', and optionally files in 'counter'.", "example");
            var form = await request.ReadFormAsync(cancellationToken);
            var name = form["name"].ToString().Trim();
            var examples = form.Files.GetFiles("example");
            var counters = form.Files.GetFiles("counter");
            var streams = new List<Stream>();
            try
            {
                (string, Stream) Open(IFormFile file)
                {
                    var stream = file.OpenReadStream();
                    streams.Add(stream);
                    return (file.FileName, stream);
                }
                var created = await custom.CreateAsync(found.Id, name, [.. examples.Select(Open)], [.. counters.Select(Open)], CurrentUser.Id(user), cancellationToken);
                await audit.WriteAsync(CurrentUser.Id(user), AuditActions.CustomLabel, $"created '{created.Category}' on '{found.Name}' from {created.Examples} examples and {created.CounterExamples} counter-examples", cancellationToken);
                return Results.Created($"/api/profiles/{Uri.EscapeDataString(found.Name)}/custom-labels", created);
            }
            catch (CustomLabelException ex)
            {
                return ApiProblems.BadRequest(ex.Message, ex.Field);
            }
            catch (MediaRejectedException ex)
            {
                return ApiProblems.MediaRejected("An example cannot be labelled", ex.Reason, ex.Message);
            }
            catch (PredictionQueueFullException ex)
            {
                return ApiProblems.QueueFull(request.HttpContext, ex);
            }
            catch (ModelUnavailableException ex)
            {
                return Results.Problem(title: "A vision model is not available", detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            finally
            {
                foreach (var stream in streams)
                    await stream.DisposeAsync();
            }
        })
        .WithTags("Labels")
        .RequireAuthorization(Policies.Import)
        .Produces<CustomLabelView>(StatusCodes.Status201Created)
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxUploadBytes })
        .DisableAntiforgery()
        .WithSummary("Defines a custom label from examples (multipart: 'name', two or more image or video files in 'example', optionally counter-examples in 'counter'). Posts whose embedding is close enough to the examples' then have the category custom_{name} everywhere labels appear.");

        app.MapDelete(route + "/{name}", async (string profile, string name, ClaimsPrincipal user, ProfileAccess access, CustomLabelService custom, IAuditLog audit, CancellationToken cancellationToken) =>
        {
            if (await access.FindAsync(user, profile, cancellationToken) is not { } found)
                return ApiProblems.NotFound($"No profile '{profile}'.");
            // Idempotent: deleting a label that is not there leaves it not there.
            if (await custom.DeleteAsync(found.Id, name, cancellationToken))
                await audit.WriteAsync(CurrentUser.Id(user), AuditActions.CustomLabel, $"deleted 'custom_{name}' on '{found.Name}'", cancellationToken);
            return Results.NoContent();
        })
        .WithTags("Labels")
        .RequireAuthorization(Policies.Import)
        .Produces(StatusCodes.Status204NoContent)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .WithSummary("Deletes a custom label (204 whether or not it existed); the figures that used it are recomputed. 404 only for an unknown profile.");
    }
}
