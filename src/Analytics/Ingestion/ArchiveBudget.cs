namespace Insights.Analytics.Ingestion;

/// <summary>
/// The bytes one archive may unpack to, counted on the bytes actually read from its entries (an entry's declared
/// size can lie): at most <see cref="ImportOptions.MaxArchiveBytes"/> in all, and at most
/// <see cref="ImportOptions.MaxArchiveExpansionRatio"/> times the archive's own size. A folder on disk has only
/// the first limit.
/// </summary>
public sealed class ArchiveBudget
{
    private readonly long _limit;
    private readonly string _reason;
    private long _read;

    private ArchiveBudget(long limit, string reason)
    {
        _limit = limit;
        _reason = reason;
    }

    public static ArchiveBudget ForArchive(long archiveBytes, ImportOptions options)
    {
        var byRatio = archiveBytes * (long)options.MaxArchiveExpansionRatio;
        return byRatio < options.MaxArchiveBytes
            ? new ArchiveBudget(byRatio, $"the archive of {archiveBytes:N0} bytes unpacks to more than {options.MaxArchiveExpansionRatio:N0} times its size ({byRatio:N0} bytes); it looks like an archive bomb")
            : ForFolder(options);
    }

    public static ArchiveBudget ForFolder(ImportOptions options) =>
        new(options.MaxArchiveBytes, $"the media unpack to more than {options.MaxArchiveBytes:N0} bytes");

    /// <summary>Why the archive is refused once the budget is spent.</summary>
    public string Reason => _reason;

    /// <summary>Whether entries declaring these sizes in all would overspend (a cheap refusal before reading anything).</summary>
    public bool Exceeds(long declaredBytes) => declaredBytes > _limit;

    /// <summary>An entry's stream that counts its bytes against the budget and throws <see cref="ArchiveBudgetExceededException"/> once it is spent.</summary>
    public Stream Track(Stream entry) => new LimitedStream(entry, long.MaxValue, Spend);

    private void Spend(int bytes)
    {
        _read += bytes;
        if (_read > _limit)
            throw new ArchiveBudgetExceededException(_reason);
    }
}
