using System.Net;
using Insights.Dashboard.Configuration;
using Microsoft.AspNetCore.HttpOverrides;

namespace Insights.Dashboard.Api;

/// <summary>
/// Response headers every answer carries (no MIME sniffing, no full address in the Referer to other
/// sites, the <see cref="ContentSecurityPolicy"/>), the forwarded headers of a trusted TLS proxy, and HSTS and HTTPS redirection when the app is
/// served over HTTPS.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Binds <see cref="ProxyOptions"/> into the forwarded-headers middleware's options and drops Kestrel's Server header.</summary>
    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<ProxyOptions>>((o, proxy) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in proxy.Value.KnownProxies)
                o.KnownProxies.Add(IPAddress.Parse(address));
            foreach (var network in proxy.Value.KnownNetworks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return builder;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers[ContentSecurityPolicy.Header] = context.Request.Path.StartsWithSegments(Extensions.AccountsExtensions.ApiDocsPath)
                ? ContentSecurityPolicy.ForApiReference()
                : ContentSecurityPolicy.For(ContentSecurityPolicy.Nonce(context));
            return next(context);
        });
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        // Only where the app itself listens on HTTPS, or is told its public HTTPS port: a plain-HTTP
        // installation (the default, on the loopback) must not be sent to a port that does not exist.
        var urls = app.Configuration["urls"] ?? app.Configuration["ASPNETCORE_URLS"] ?? "";
        if (urls.Contains("https://", StringComparison.OrdinalIgnoreCase) || app.Configuration["https_port"] is { Length: > 0 })
            app.UseHttpsRedirection();
        return app;
    }
}
