using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Api;

/// <summary>
/// Cross-site request forgery guard of the REST API. A browser sends the sign-in cookie with any
/// form another site posts here, so an API write (POST, PUT, PATCH, DELETE under /api) signed in by
/// the cookie must come from this site: a <c>Sec-Fetch-Site</c> other than same-origin, or an
/// <c>Origin</c> of another scheme, host or port, is refused; and it must carry a header that an HTML
/// form cannot send (<c>X-Requested-With</c>, or the antiforgery token in its request header), which
/// a cross-site script cannot add without a CORS preflight this app never grants. Calls with an API
/// key carry no ambient credential and pass untouched.
/// </summary>
public static class CrossSiteWrites
{
    /// <summary>The header a script of this site adds to its API writes (any value).</summary>
    public const string RequestedWithHeader = "X-Requested-With";

    public static IApplicationBuilder UseCrossSiteWriteGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsCookieWrite(context) && await RefusalAsync(context) is { } reason)
        {
            await Results.Problem(title: "Cross-site request refused", detail: reason, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    private static bool IsCookieWrite(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        && context.User.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme;

    private static async Task<string?> RefusalAsync(HttpContext context)
    {
        var request = context.Request;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && !string.Equals(site, "same-origin", StringComparison.OrdinalIgnoreCase))
            return $"This write came from another site (Sec-Fetch-Site: {site}); the browser's sign-in is valid only for this site's own pages. Scripts use an API key.";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
            return $"This write came from another origin ({origin}); the browser's sign-in is valid only for this site's own pages. Scripts use an API key.";
        if (request.Headers.ContainsKey(RequestedWithHeader))
            return null;
        // Only a token in the request header counts: looking for one in the form would read a whole upload first.
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        var header = context.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.HeaderName;
        if (header is not null && request.Headers.ContainsKey(header) && await antiforgery.IsRequestValidAsync(context))
            return null;
        return $"An API write signed in by the browser's cookie needs the {RequestedWithHeader} header or the antiforgery token in the {header} header. Scripts use an API key (X-Api-Key).";
    }
}
