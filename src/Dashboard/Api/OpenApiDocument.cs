using Insights.Dashboard.Accounts;
using Insights.Dashboard.Extensions;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Insights.Dashboard.Api;

/// <summary>The OpenAPI document at /openapi/v1.json (with the X-Api-Key scheme) and its reference page at /api/docs.</summary>
public static class OpenApiDocument
{
    public const string SchemeName = "ApiKey";

    public static IServiceCollection AddInsightsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Insights API",
                    Version = "v1",
                    Description = "Profiles, posts, labels, imports and the other analyses of Insights. Every call needs an API key in the X-Api-Key header "
                        + "(an admin creates one on the API keys page, or `dotnet run --project src/Dashboard -- apikey create --user EMAIL`). "
                        + "A key acts as its user: the same roles and profile grants as the pages. A profile the user may not see answers 404. "
                        + "Errors are problem details (RFC 9457) with the field, or the file, line and column, at fault.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyService.Header,
                    Description = "A key created for a user; it carries that user's roles and profile grants.",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                // Every operation can answer these; they are problem details like every other error.
                operation.Responses ??= new OpenApiResponses();
                AddProblem(operation, "401", "No valid API key (or signed-in user).");
                AddProblem(operation, "403", "The user's role does not allow this call.");
                if (context.Description.RelativePath?.Contains("{profile}", StringComparison.Ordinal) == true)
                    AddProblem(operation, "404", "No such profile, or the user may not see it.");
                if (context.Description.HttpMethod is "POST" or "PUT")
                    AddProblem(operation, "413", "The request body is larger than this endpoint takes.");
                return Task.CompletedTask;
            });
        });

    public static void MapInsightsOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        // Scalar's page and script are served from the package itself (no CDN); default fonts off, so it works
        // offline; and nothing it offers calls out (no AI agent, telemetry, MCP or hosted developer tools).
        app.MapScalarApiReference(AccountsExtensions.ApiDocsPath, o => o
            .WithTitle("Insights API")
            .ExpandAllTags()
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableAgent()
            .DisableTelemetry()
            .DisableMcp()
            .HideDeveloperTools()
            .AddPreferredSecuritySchemes(SchemeName)
            // The reference opens from the app's menu; this bar is the way back (no script, one inline style).
            .AddHeaderContent("""<nav data-testid="api-docs-back" style="padding:8px 16px;background:#283593;font:14px system-ui,sans-serif"><a href="/" style="color:#fff;text-decoration:none">&larr; Back to Insights</a></nav>"""));
    }

    private static void AddProblem(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status))
            return;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference("ProblemDetails") },
            },
        };
    }
}
