namespace Insights.Dashboard.Hosting;

/// <summary>
/// Lets the app stop at once while browsers are connected. On SIGTERM SignalR closes the Blazor circuits, each
/// browser reconnects straight away, and Kestrel's drain then waits for that new connection until the host's
/// shutdown timeout (about 25-30 s; dotnet/aspnetcore#58947). So once stopping has begun a circuit request is
/// refused with 503 (the browser shows its reconnect banner), and one already running is aborted.
/// </summary>
public sealed class CircuitShutdown(RequestDelegate next, IHostApplicationLifetime lifetime)
{
    /// <summary>Where Blazor Server's circuits connect.</summary>
    public const string CircuitPath = "/_blazor";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(CircuitPath))
        {
            await next(context);
            return;
        }
        var stopping = lifetime.ApplicationStopping;
        if (stopping.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        // Cancelling RequestAborted is not enough: the WebSocket transport keeps running until the connection goes.
        await using var registration = stopping.Register(static state => ((HttpContext)state!).Abort(), context);
        await next(context);
    }
}
