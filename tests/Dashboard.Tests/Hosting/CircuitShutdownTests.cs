using Insights.Dashboard.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;

namespace Insights.Dashboard.Tests.Hosting;

public sealed class CircuitShutdownTests
{
    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationTokenSource Stopping { get; } = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => Stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopping.Cancel();
    }

    // Records Abort(), which is what ends a connection Kestrel would otherwise wait for.
    private sealed class RequestLifetime : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get; set; }

        public bool Aborted { get; private set; }

        public void Abort() => Aborted = true;
    }

    private static (DefaultHttpContext Context, RequestLifetime Request) Request(string path)
    {
        var context = new DefaultHttpContext();
        var request = new RequestLifetime();
        context.Features.Set<IHttpRequestLifetimeFeature>(request);
        context.Request.Path = path;
        return (context, request);
    }

    [Fact]
    public async Task OnceStopping_ACircuitRequestIsRefused_AndOthersStillRun()
    {
        var lifetime = new Lifetime();
        var reached = new List<string>();
        var middleware = new CircuitShutdown(c => { reached.Add(c.Request.Path); return Task.CompletedTask; }, lifetime);
        lifetime.StopApplication();

        var (circuit, _) = Request("/_blazor/negotiate");
        var (page, _) = Request("/healthz");
        await middleware.InvokeAsync(circuit);
        await middleware.InvokeAsync(page);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, circuit.Response.StatusCode);
        Assert.Equal(["/healthz"], reached);
    }

    [Fact]
    public async Task ACircuitRunningWhenStoppingBegins_IsAborted()
    {
        var lifetime = new Lifetime();
        var running = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var middleware = new CircuitShutdown(async _ => { running.SetResult(); await release.Task; }, lifetime);
        var (circuit, request) = Request("/_blazor");

        var call = middleware.InvokeAsync(circuit);
        await running.Task;
        var abortedBeforeStop = request.Aborted;
        lifetime.StopApplication();
        var abortedAfterStop = request.Aborted;
        release.SetResult();
        await call;

        Assert.False(abortedBeforeStop);
        Assert.True(abortedAfterStop);
    }
}
