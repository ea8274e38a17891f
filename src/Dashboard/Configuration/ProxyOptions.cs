namespace Insights.Dashboard.Configuration;

/// <summary>
/// A TLS-terminating reverse proxy in front of the app (nginx). Section "Insights:Proxy". Only requests
/// from these addresses may say, by X-Forwarded-For and X-Forwarded-Proto, who the client is and that it
/// came over HTTPS; then sign-in cookies are Secure and HSTS is sent.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Insights:Proxy";

    /// <summary>Addresses of trusted proxies. Default: none besides the loopback (127.0.0.1 and ::1), which is always trusted.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation (e.g. "10.0.0.0/8"). Default: none.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
