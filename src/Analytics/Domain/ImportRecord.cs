namespace Insights.Analytics.Domain;

public enum ImportKind
{
    Posts = 0,
    Followers = 1,
    Labels = 2,
    Media = 3,
}

public enum ImportStatus
{
    Running = 0,
    Succeeded = 1,
    Failed = 2,
}

/// <summary>One imported file: what it was, where its original is kept, and how it went.</summary>
public sealed class ImportRecord
{
    public long Id { get; set; }

    public int ProfileId { get; set; }

    public ImportKind Kind { get; set; }

    public required string FileName { get; set; }

    public string? Sha256 { get; set; }

    /// <summary>Where the uploaded original is kept, inside the upload file store.</summary>
    public string? StoredPath { get; set; }

    public ImportStatus Status { get; set; }

    public DateTime StartedUtc { get; set; }

    public DateTime? FinishedUtc { get; set; }

    public int RowsRead { get; set; }

    public int Inserted { get; set; }

    public int Updated { get; set; }

    public int ErrorCount { get; set; }

    /// <summary>The first errors as JSON, for the import history page.</summary>
    public string? ErrorsJson { get; set; }
}
