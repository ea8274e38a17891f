namespace Insights.Dashboard.Api;

/// <summary>Problem-details responses with the field at fault, so every API error reads the same.</summary>
public static class ApiProblems
{
    public static IResult NotFound(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult BadRequest(string detail, string? field = null) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
            extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });
}
