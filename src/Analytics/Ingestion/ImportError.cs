namespace Insights.Analytics.Ingestion;

/// <summary>One reason a file could not be imported, pointing at the file, line and column at fault.</summary>
/// <param name="File">The file's name as uploaded.</param>
/// <param name="Line">1-based physical line where the record starts; 0 for the file as a whole.</param>
/// <param name="Column">The column's header as written in the file (for an archive, the entry's name), or null when the whole row or file is at fault.</param>
/// <param name="Reason">What is wrong, in plain words, with the offending value.</param>
public sealed record ImportError(string File, long Line, string? Column, string Reason)
{
    public override string ToString() =>
        Line > 0
            ? $"{File}, line {Line}{(Column is null ? "" : $", column '{Column}'")}: {Reason}"
            : $"{File}{(Column is null ? "" : $", '{Column}'")}: {Reason}";
}

/// <summary>The outcome of importing one file. Nothing is written when <see cref="Errors"/> is not empty.</summary>
public sealed record ImportReport(string File, string Kind)
{
    public long RowsRead { get; set; }

    public int Inserted { get; set; }

    public int Updated { get; set; }

    /// <summary>The errors found, up to the configured limit; <see cref="ErrorCount"/> counts them all.</summary>
    public List<ImportError> Errors { get; init; } = [];

    public int ErrorCount { get; set; }

    public List<string> Warnings { get; init; } = [];

    /// <summary>The platform a posts file was read as (instagram, tiktok, ...); null for other kinds.</summary>
    public string? Platform { get; set; }

    public bool Succeeded => ErrorCount == 0;

    /// <summary>Where the uploaded original is kept (in the upload store); not part of any answer.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? StoredPath { get; set; }

    public void AddError(ImportError error, int limit)
    {
        ErrorCount++;
        if (Errors.Count < limit)
            Errors.Add(error);
    }
}
