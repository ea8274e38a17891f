namespace Insights.Analytics.Ingestion.Tables;

/// <summary>A forward-only reader of records with named columns (CSV or JSON Lines), one record in memory at a time.</summary>
public interface ITableReader : IDisposable
{
    /// <summary>Column names as written in the file.</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>The 1-based line where the current record starts.</summary>
    long Line { get; }

    /// <summary>Moves to the next record; false at the end. A malformed record throws <see cref="TableFormatException"/>.</summary>
    bool Read();

    /// <summary>The current record's value in a column, null when absent or empty.</summary>
    string? this[int column] { get; }
}

/// <summary>The file's structure is broken at a line (an unclosed quote, invalid JSON); reading cannot go on.</summary>
public sealed class TableFormatException(long line, string reason) : Exception(reason)
{
    public long Line { get; } = line;
}
