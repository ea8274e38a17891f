using System.Net;
using System.Net.Sockets;

namespace Insights.Inference.Tests.Models;

/// <summary>A real HTTP server on a loopback port that serves fixed tarballs by path, standing in for the npm registry.</summary>
public sealed class LocalRegistry : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public LocalRegistry()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Address = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Address + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Address { get; }

    /// <summary>Paths asked for, in order.</summary>
    public List<string> Requests { get; } = [];

    public void Serve(string path, byte[] bytes) => _files[path] = bytes;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            // Stopped by Dispose: before (InvalidOperationException), while (HttpListenerException) or after it closed.
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            lock (Requests)
                Requests.Add(path);
            if (_files.TryGetValue(path, out var bytes))
            {
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
