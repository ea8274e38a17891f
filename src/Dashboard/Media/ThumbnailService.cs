using System.Collections.Concurrent;
using Insights.Analytics.Storage;
using Insights.Dashboard.Configuration;
using Insights.Inference.Imaging;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Media;

/// <summary>A preview: the cached JPEG's path, or why there is none.</summary>
public sealed record Thumbnail(string? Path, string? Error)
{
    public bool Exists => Path is not null;
}

/// <summary>
/// Previews of stored media (a downscaled JPEG of an image, a poster frame of a video), made once and
/// kept in the data directory's cache/thumbnails folder. Several requests for the same preview share one
/// rendering; renderings run at most one per core. A file that cannot be previewed is remembered with its
/// reason, so a broken video does not start ffmpeg on every page view.
/// </summary>
public sealed class ThumbnailService
{
    /// <summary>Long sides a caller may ask for: the grid, the detail panel, and two in between.</summary>
    public static readonly IReadOnlyList<int> Sizes = [160, 320, 640, 1024];

    /// <summary>The grid's size.</summary>
    public const int DefaultSize = 320;

    private readonly ThumbnailRenderer _renderer;
    private readonly IFileStore _files;
    private readonly ILogger<ThumbnailService> _logger;
    private readonly string _directory;
    private readonly SemaphoreSlim _slots = new(Math.Max(1, Environment.ProcessorCount));
    private readonly ConcurrentDictionary<string, Lazy<Task<Thumbnail>>> _inFlight = new();

    public ThumbnailService(ThumbnailRenderer renderer, IFileStore files, IOptions<StorageOptions> storage, DashboardPaths paths, ILogger<ThumbnailService> logger)
    {
        _renderer = renderer;
        _files = files;
        _logger = logger;
        _directory = Path.Combine(Analytics.Extensions.ServiceCollectionExtensions.DataDirectory(storage.Value, paths.BaseDirectory), "cache", "thumbnails");
    }

    /// <summary>The preview of a stored file (its store path, named by its sha256) at one of <see cref="Sizes"/>.</summary>
    public async Task<Thumbnail> GetAsync(string sha256, string storagePath, int size, CancellationToken cancellationToken = default)
    {
        if (!Sizes.Contains(size))
            throw new ArgumentOutOfRangeException(nameof(size), size, $"one of {string.Join(", ", Sizes)}");
        var jpeg = Path.Combine(_directory, sha256[..2], $"{sha256}-{size}.jpg");
        if (File.Exists(jpeg))
            return new Thumbnail(jpeg, null);
        var failed = Path.ChangeExtension(jpeg, ".failed");
        if (File.Exists(failed))
            return new Thumbnail(null, await File.ReadAllTextAsync(failed, cancellationToken));
        if (!_files.Exists(storagePath))
            return new Thumbnail(null, "the media file is missing from the store");

        var work = _inFlight.GetOrAdd(jpeg, key => new Lazy<Task<Thumbnail>>(() => RenderAsync(storagePath, key, failed, size)));
        try
        {
            // One caller leaving does not cancel the rendering others wait for.
            return await work.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            if (work.Value.IsCompleted)
                _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<Thumbnail>>>(jpeg, work));
        }
    }

    /// <summary>
    /// Removes every preview of a file (all sizes, and a remembered failure) once its media row is gone: a deleted
    /// profile's pictures must not stay on disk as previews. Returns how many files went.
    /// </summary>
    public int Forget(string sha256)
    {
        var folder = Path.Combine(_directory, sha256[..2]);
        if (!Directory.Exists(folder))
            return 0;
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder, sha256 + "-*"))
        {
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Could not remove the preview {File}", file);
            }
        }
        return removed;
    }

    private async Task<Thumbnail> RenderAsync(string storagePath, string jpeg, string failed, int size)
    {
        await _slots.WaitAsync();
        try
        {
            var bytes = await _renderer.RenderAsync(_files.FullPath(storagePath), size);
            Directory.CreateDirectory(Path.GetDirectoryName(jpeg)!);
            // Written aside and moved, so a reader never sees half a file.
            var temporary = jpeg + $".{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temporary, bytes);
            File.Move(temporary, jpeg, overwrite: true);
            return new Thumbnail(jpeg, null);
        }
        catch (Exception ex) when (ex is MediaRejectedException or IOException or TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Content-addressed: a file that cannot be previewed now never will be, except when a tool is missing.
            var reason = ex is MediaRejectedException ? ex.Message.Replace(_files.FullPath(storagePath), "the file", StringComparison.Ordinal) : $"no preview ({ex.Message})";
            _logger.LogWarning("No preview of {File}: {Reason}", storagePath, reason);
            if (ex is MediaRejectedException)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(failed)!);
                await File.WriteAllTextAsync(failed, reason);
            }
            return new Thumbnail(null, reason);
        }
        finally
        {
            _slots.Release();
        }
    }
}
