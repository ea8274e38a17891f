using System.IO.Compression;
using Insights.Dashboard.Components;
using Insights.Inference.Models;
using Microsoft.Net.Http.Headers;

namespace Insights.Dashboard.Hosting;

/// <summary>
/// Answers the URL of Plotly.Blazor's plotly.js bundle (4.8 MB, every trace type; its interop has no setting for
/// another URL) with the pinned cartesian bundle (1.4 MB: scatter, bar, box and the other 2-D traces, all the charts
/// draw) when the model preparation has fetched it into the models folder. While it is absent (first start offline,
/// a failed fetch) the request goes on and the full bundle is served as before.
/// </summary>
public sealed class PlotlyBundle(RequestDelegate next, ModelStore models)
{
    /// <summary>The npm package pinned in data/models; same plotly.js version as the one Plotly.Blazor imports.</summary>
    public const string Package = "plotly.js-cartesian-dist-min";

    /// <summary>The bundle's file inside <see cref="Package"/>.</summary>
    public const string FileName = "plotly-cartesian.min.js";

    private const string GzipTag = "-gzip";

    private static readonly PathString Url = "/" + App.PlotlyScript;

    // The app has no response compression; MapStaticAssets serves the full bundle precompressed, so without this the
    // smaller file would cross a network larger than the full one does. One entry: memory stays at the file's gzip size.
    private volatile GzippedFile? _gzipped;

    private sealed record GzippedFile(long Length, DateTime Modified, byte[] Bytes);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || request.Path != Url
            || models.PinnedPackageFile(Package, FileName) is not { } path)
        {
            await next(context);
            return;
        }
        var file = new FileInfo(path);
        var gzip = AcceptsGzip(request);
        var tag = new EntityTagHeaderValue($"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}{(gzip ? GzipTag : "")}\"");
        var response = context.Response;
        var headers = response.GetTypedHeaders();
        headers.ETag = tag;
        headers.LastModified = new DateTimeOffset(file.LastWriteTimeUtc.AddTicks(-(file.LastWriteTimeUtc.Ticks % TimeSpan.TicksPerSecond)), TimeSpan.Zero);
        // as MapStaticAssets answers an asset without a fingerprint in its name: the browser revalidates before use
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.ContentType = "text/javascript";
        if (request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } ifNoneMatch && ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        if (!gzip)
        {
            response.ContentLength = file.Length;
            if (HttpMethods.IsGet(request.Method))
                await response.SendFileAsync(path, context.RequestAborted);
            return;
        }
        var bytes = Gzipped(file).Bytes;
        response.Headers.ContentEncoding = "gzip";
        response.ContentLength = bytes.Length;
        if (HttpMethods.IsGet(request.Method))
            await response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private GzippedFile Gzipped(FileInfo file)
    {
        var known = _gzipped;
        if (known is not null && known.Length == file.Length && known.Modified == file.LastWriteTimeUtc)
            return known;
        // Two first requests at once may both compress (about a tenth of a second); either result is the same.
        using var output = new MemoryStream();
        using (var source = file.OpenRead())
        using (var compressor = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
            source.CopyTo(compressor);
        return _gzipped = new GzippedFile(file.Length, file.LastWriteTimeUtc, output.ToArray());
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is not 0);
}
