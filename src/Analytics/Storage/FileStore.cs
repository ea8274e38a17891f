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
            File.Delete(temporary);
        else
            File.Move(temporary, final);
        return new StoredFile(relative.Replace('\\', '/'), hash, bytes);
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
