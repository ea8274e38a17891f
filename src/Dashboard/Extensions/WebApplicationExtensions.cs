using Insights.Dashboard.Api;
using Insights.Dashboard.Components;
using Insights.Dashboard.Configuration;

namespace Insights.Dashboard.Extensions;

public static class WebApplicationExtensions
{
    /// <summary>The request pipeline: errors, static assets, the Blazor app and the REST API; a worker (<c>--role worker</c>) serves only /healthz.</summary>
    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (app.Configuration.Role() == DashboardRole.Worker)
        {
            app.MapHealthEndpoints();
            return app;
        }
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePages();
        app.UseMiddleware<Insights.Dashboard.Hosting.CircuitShutdown>();
        // public like the other static assets, so ahead of authentication; in place of Plotly.Blazor's full bundle
        app.UseMiddleware<Insights.Dashboard.Hosting.PlotlyBundle>();
        app.UseAuthentication();
        app.UseCrossSiteWriteGuard();
        app.UseAuthorization();
        app.UseRequestLimits();
        app.UseAntiforgery();
        // Styles and scripts are public: the sign-in page needs them before anyone has signed in.
        app.MapStaticAssets().AllowAnonymous();
        // The app's own Content-Security-Policy (UseSecurityHeaders) already says frame-ancestors 'none' on every
        // document; Blazor's default would add a second, looser policy header ('self') to the interactive pages.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        app.MapHealthEndpoints();
        app.MapProfileEndpoints();
        app.MapImportEndpoints();
        app.MapJobEndpoints();
        app.MapLabelEndpoints();
        app.MapCompareEndpoints();
        app.MapTimingEndpoints();
        app.MapRecommendationEndpoints();
        app.MapHashtagEndpoints();
        app.MapCustomLabelEndpoints();
        app.MapSuggestionEndpoints();
        app.MapAnnotateEndpoints();
        app.MapMediaEndpoints();
        app.MapPredictionEndpoints();
        app.MapDriversEndpoints();
        app.MapReportEndpoints();
        app.MapAccountEndpoints();
        app.MapInsightsOpenApi();
        return app;
    }
}
