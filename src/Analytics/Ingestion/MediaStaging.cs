using Insights.Analytics.Storage;

namespace Insights.Analytics.Ingestion;

/// <summary>
/// Where one media import keeps the files it reads until its transaction commits: a folder of its own under
/// "staging". Refused or failed, the import disposes of it and leaves no byte behind; accepted, its files move
/// into the media store right before the commit (<see cref="Promote"/>), and a commit that fails takes back the
/// files it had placed (<see cref="TakeBackAsync"/>).
/// </summary>
internal sealed class MediaStaging(IFileStore fileStore) : IDisposable
{
    private readonly string _area = $"staging/{Guid.NewGuid():N}";
    private readonly List<StoredFile> _placed = [];

    public Task<StoredFile> SaveAsync(Stream content, string extension, CancellationToken cancellationToken) =>
        fileStore.SaveAsync(_area, content, extension, cancellationToken);

    /// <summary>Moves a staged file into the media store; returns where it is now.</summary>
    public StoredFile Promote(StoredFile staged)
    {
        var (moved, placed) = fileStore.Move(staged, "media");
        if (placed)
            _placed.Add(moved);
        return moved;
    }

    /// <summary>
    /// After a failed commit: deletes the files this import placed in the media store, unless an asset row (another
    /// import of the same content that committed meanwhile) uses them.
    /// </summary>
    public async Task TakeBackAsync(Func<IReadOnlyList<string>, Task<HashSet<string>>> usedPaths)
    {
        var used = await usedPaths(_placed.Select(f => f.RelativePath).ToList());
        foreach (var file in _placed.Where(f => !used.Contains(f.RelativePath)))
            fileStore.Delete(file.RelativePath);
        _placed.Clear();
    }

    public void Dispose() => fileStore.Delete(_area);
}
