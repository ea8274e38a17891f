using System.Security.Cryptography;

namespace Insights.Dashboard.Api;

/// <summary>
/// The Content-Security-Policy every answer carries. Scripts come only from the app itself, plus the one inline
/// script Blazor writes (the import map), which is let through by a nonce made afresh for each answer; no
/// 'unsafe-inline' or 'unsafe-eval' for scripts. Styles allow inline ones: MudBlazor and plotly.js set style
/// attributes and style elements at run time. Images may be data: and blob: URLs (plotly's and the charts'
/// PNG export draw through them). No plugins, no framing by other sites, no base other than the app's own.
/// </summary>
public static class ContentSecurityPolicy
{
    public const string Header = "Content-Security-Policy";

    private static readonly object NonceKey = new();

    /// <summary>The nonce of this answer's inline scripts (made on first use, so a page and the header agree).</summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items.TryGetValue(NonceKey, out var existing) && existing is string nonce)
            return nonce;
        // Hex, not base64: a '+' or '/' would be written HTML-encoded in the page's attribute (the browser decodes it,
        // but the page's text would no longer show the header's nonce as it is).
        nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    /// <summary>The policy for an answer whose inline scripts carry <paramref name="nonce"/>.</summary>
    public static string For(string nonce) => With($"script-src 'self' 'nonce-{nonce}'; ");

    /// <summary>
    /// The API reference page (Scalar, signed-in users only) writes its configuration as an inline module script
    /// that takes no nonce; it shows only this app's own OpenAPI document, so its scripts may be inline.
    /// </summary>
    public static string ForApiReference() => With("script-src 'self' 'unsafe-inline'; ");

    private static string With(string scriptSource) =>
        "default-src 'self'; " +
        scriptSource +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        // 'self' covers the circuit's WebSocket (ws:/wss: of the same host) in CSP level 3 browsers.
        "connect-src 'self'; " +
        "worker-src 'self' blob:; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";
}
