using Insights.Analytics.Ingestion.Tables;

namespace Insights.Analytics.Ingestion.Platforms;

/// <summary>
/// Reads a CSV export past the quirks platforms add around the table: description lines above the
/// header (the header is the first of the first few lines with at least two known column names),
/// and totals rows ("Total" in the first column), which are skipped. Each is noted for the report.
/// </summary>
public sealed class ExportTableReader : ITableReader
{
    /// <summary>How many lines above the header are searched for it.</summary>
    public const int HeaderSearchLines = 5;

    private readonly CsvTableReader _inner;
    private readonly List<string> _notes = [];
    private readonly Queue<(long Line, string?[] Values)> _replay = new();
    private (long Line, string?[] Values)? _current;

    public ExportTableReader(CsvTableReader inner, Func<IReadOnlyList<string>, int> knownColumns)
    {
        _inner = inner;
        Header = inner.Header;
        if (knownColumns(Header) >= 2)
            return;
        for (var i = 0; i < HeaderSearchLines && _inner.Read(); i++)
        {
            var values = Enumerable.Range(0, _inner.FieldCount).Select(c => _inner[c]).ToArray();
            if (knownColumns(values.Select(v => (v ?? "").Trim()).ToList()) >= 2)
            {
                _notes.Add($"line(s) {string.Join(", ", _replay.Select(r => r.Line).Prepend(1))} above the header skipped (a description, not data)");
                Header = values.Select(v => (v ?? "").Trim()).ToList();
                _replay.Clear();
                return;
            }
            _replay.Enqueue((_inner.Line, values));
        }
        // No better header: the first line stays the header and the lines read are given back as rows.
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>What was skipped and why, for the report's warnings.</summary>
    public IReadOnlyList<string> Notes => _notes;

    public long Line => _current?.Line ?? _inner.Line;

    public string? this[int column] => _current is { } row ? (column < row.Values.Length ? row.Values[column] : null) : _inner[column];

    public bool Read()
    {
        if (_replay.TryDequeue(out var replayed))
        {
            _current = replayed;
            return true;
        }
        _current = null;
        while (_inner.Read())
        {
            if (IsTotalsRow())
            {
                _notes.Add($"line {_inner.Line}: a totals row, skipped");
                continue;
            }
            return true;
        }
        return false;
    }

    public void Dispose() => _inner.Dispose();

    // Every row is asked, so most are turned away by their first letter before any string is made.
    private bool IsTotalsRow() =>
        _inner[0] is { } first && FirstLetterOrDigit(first) is 't' or 'g' or 's'
        && ColumnMap.Normalise(first) is "total" or "totals" or "grandtotal" or "summe" or "gesamt";

    private static char FirstLetterOrDigit(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
                return char.ToLowerInvariant(c);
        }
        return '\0';
    }
}
