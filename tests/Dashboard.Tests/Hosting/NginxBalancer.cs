using System.Diagnostics;
using System.Globalization;
using Insights.Analytics.Tests;

namespace Insights.Dashboard.Tests.Hosting;

/// <summary>
/// Debian's nginx in the foreground (<c>daemon off</c>) with a configuration, pid and logs in a temp folder of its own
/// (<c>-p</c> prefix): one loopback port in front of the web instances, sticky by client address (<c>ip_hash</c>, so a
/// Blazor circuit stays on its instance), WebSocket upgrades passed through, and the answering instance in the
/// <c>X-Upstream</c> response header so a test can see who served a request. Disposing stops it and deletes the folder.
/// </summary>
internal sealed class NginxBalancer : IAsyncDisposable
{
    /// <summary>The response header naming the upstream address that answered.</summary>
    public const string UpstreamHeader = "X-Upstream";

    private const string Binary = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _prefix;

    private NginxBalancer(Process process, string prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    /// <summary>Starts nginx in front of the given loopback ports and waits until it answers.</summary>
    public static async Task<NginxBalancer> StartAsync(IReadOnlyList<int> upstreamPorts)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"The scale-out test needs nginx at {Binary}: apt-get install nginx (.ci/run does).");
        var prefix = Path.Combine(Path.GetTempPath(), "insights-nginx-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        Directory.CreateDirectory(Path.Combine(prefix, "temp"));
        var port = PostgresCluster.FreePort();
        var configuration = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(configuration, await ConfigurationAsync(port, upstreamPorts));

        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-p", prefix, "-c", configuration, "-e", Path.Combine(prefix, "logs", "error.log")])
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var balancer = new NginxBalancer(process, prefix, port);
        using var http = new HttpClient { BaseAddress = balancer.Address };
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}{balancer.ErrorLog}");
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                    return balancer;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        await balancer.DisposeAsync();
        throw new TimeoutException("nginx did not answer /healthz within 10 s.");
    }

    /// <summary>nginx's error log so far (for a failing test's message).</summary>
    public string ErrorLog
    {
        get
        {
            var path = Path.Combine(_prefix, "logs", "error.log");
            return File.Exists(path) ? File.ReadAllText(path) : "";
        }
    }

    /// <summary>
    /// The checked-in template (src/Dashboard/Deploy/nginx.conf, copied beside the tests), so the tested configuration is
    /// the documented one. As root, nginx's workers would drop to <c>nobody</c>, which may not enter the test's temp
    /// folder; they stay root instead (a test on loopback only).
    /// </summary>
    private static async Task<string> ConfigurationAsync(int port, IReadOnlyList<int> upstreamPorts)
    {
        var template = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Hosting", "nginx.conf"));
        return template
            .Replace("@USER@", Environment.UserName == "root" ? "user root;" : "", StringComparison.Ordinal)
            .Replace("@PORT@", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@UPSTREAMS@", string.Concat(upstreamPorts.Select(p => string.Create(CultureInfo.InvariantCulture, $"        server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;\n"))), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGQUIT is nginx's graceful stop; SIGKILL would leave its worker process behind.
            using (var quit = Process.Start("kill", ["-QUIT", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                await quit.WaitForExitAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
