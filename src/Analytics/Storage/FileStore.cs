using System.Security.Cryptography;

namespace Insights.Analytics.Storage;

/// <summary>
/// The seam for stored files (uploaded originals, media). Local folders today; an object store
/// can replace it when several instances share the work.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores the stream under its sha256 in an area ("uploads", "media"); returns the relative path and the hash. Storing the same content twice keeps one copy.</summary>
    Task<StoredFile> SaveAsync(string area, Stream content, string extension, CancellationToken cancellationToken = default);

    Stream OpenRead(string relativePath);

    bool Exists(string relativePath);

    /// <summary>The absolute path of a stored file, for tools that need a path (ffmpeg).</summary>
    string FullPath(string relativePath);

    /// <summary>
    /// Moves a file stored in one area (a staging area) to the same content path in another; returns its new place
    /// and whether this call put it there (false: that content was there already, and the staged copy is dropped).
    /// </summary>
    (StoredFile File, bool Placed) Move(StoredFile stored, string area);

    /// <summary>Deletes a stored file, or a whole area ("staging/abc"); nothing when it is not there.</summary>
    void Delete(string relativePath);

    /// <summary>The files of an area with their last write (the last time that content was stored).</summary>
    IEnumerable<(string RelativePath, DateTime LastWriteUtc)> List(string area);
}

public sealed record StoredFile(string RelativePath, string Sha256, long Bytes);

/// <summary>Files in folders under the data directory, named by content hash.</summary>
public sealed class LocalFileStore(string rootDirectory) : IFileStore
{
    public async Task<StoredFile> SaveAsync(string area, Stream content, string extension, CancellationToken cancellationToken = default)
    {
        var areaDirectory = Path.Combine(rootDirectory, area);
        Directory.CreateDirectory(areaDirectory);
        var temporary = Path.Combine(areaDirectory, $".incoming-{Guid.NewGuid():N}");
        string hash;
        long bytes;
        try
        {
            await using var output = File.Create(temporary);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            bytes = output.Length;
        }
        catch
        {
            // A failed read (a size limit hit, a cancelled upload) must not leave a partial file behind.
            File.Delete(temporary);
            throw;
        }

        var safeExtension = SanitiseExtension(extension);
        var relative = Path.Combine(area, hash[..2], hash + safeExtension);
        var final = Path.Combine(rootDirectory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        if (File.Exists(final))
        {
            File.Delete(temporary);
            // Stored again: a retention counts from now.
            File.SetLastWriteTimeUtc(final, DateTime.UtcNow);
        }
        else
        {
            File.Move(temporary, final);
        }
        return new StoredFile(relative.Replace('\\', '/'), hash, bytes);
    }

    public (StoredFile File, bool Placed) Move(StoredFile stored, string area)
    {
        var relative = $"{area}/{stored.Sha256[..2]}/{Path.GetFileName(stored.RelativePath)}";
        var source = FullPath(stored.RelativePath);
        var target = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Move(source, target, overwrite: false);
            return (stored with { RelativePath = relative }, true);
        }
        catch (IOException) when (File.Exists(target))
        {
            File.Delete(source);
            return (stored with { RelativePath = relative }, false);
        }
    }

    public void Delete(string relativePath)
    {
        var full = FullPath(relativePath);
        if (Directory.Exists(full))
            Directory.Delete(full, recursive: true);
        else
            File.Delete(full);
    }

    public IEnumerable<(string RelativePath, DateTime LastWriteUtc)> List(string area)
    {
        var directory = FullPath(area);
        if (!Directory.Exists(directory))
            yield break;
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            yield return (Path.GetRelativePath(rootDirectory, path).Replace('\\', '/'), File.GetLastWriteTimeUtc(path));
    }

    public Stream OpenRead(string relativePath) => File.OpenRead(FullPath(relativePath));

    public bool Exists(string relativePath) => File.Exists(FullPath(relativePath));

    public string FullPath(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(rootDirectory, relativePath));
        // Stored paths come from our own database, but never let one escape the store.
        // Compare with a trailing separator, or a sibling "var-other" would pass as inside "var".
        if (!full.StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootDirectory)) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Path '{relativePath}' is outside the file store.", nameof(relativePath));
        return full;
    }

    private static string SanitiseExtension(string extension)
    {
        var trimmed = new string(extension.TrimStart('.').Where(char.IsAsciiLetterOrDigit).Take(8).ToArray()).ToLowerInvariant();
        return trimmed.Length == 0 ? "" : "." + trimmed;
    }
}
