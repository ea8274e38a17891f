namespace Insights.Analytics.Ingestion;

/// <summary>A field the importers understand, with the header spellings that platform exports use for it.</summary>
public sealed record FieldSpec(string Name, bool Required, params string[] Aliases);

/// <summary>
/// Maps a file's header to known fields. Matching ignores case, spaces and punctuation, so
/// "Publish time", "publish_time" and "PublishTime" are the same column.
/// </summary>
public sealed class ColumnMap
{
    private readonly Dictionary<string, int> _indexByField;

    private ColumnMap(Dictionary<string, int> indexByField, IReadOnlyList<string> header)
    {
        _indexByField = indexByField;
        Header = header;
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>The column index of a field, or -1 when the file lacks it.</summary>
    public int this[string field] => _indexByField.TryGetValue(field, out var index) ? index : -1;

    public bool Has(string field) => _indexByField.ContainsKey(field);

    /// <summary>The header text of a field's column, for error messages.</summary>
    public string ColumnName(string field) => Has(field) ? Header[this[field]] : field;

    /// <summary>Which known field each column became, for the mapping preview.</summary>
    public IReadOnlyDictionary<string, string> Mapping() =>
        _indexByField.ToDictionary(kv => Header[kv.Value], kv => kv.Key);

    /// <summary>Maps the header; the errors name every required field the header lacks.</summary>
    public static ColumnMap Build(IReadOnlyList<string> header, IReadOnlyList<FieldSpec> fields, out List<string> missingRequired)
    {
        var byNormalised = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
            byNormalised.TryAdd(Normalise(header[i]), i);

        var indexByField = new Dictionary<string, int>(StringComparer.Ordinal);
        var taken = new HashSet<int>();
        foreach (var field in fields)
        {
            // The field's name is tried first unless the aliases list it, which then sets its place.
            var names = field.Aliases.Any(a => Normalise(a) == Normalise(field.Name)) ? field.Aliases : field.Aliases.Prepend(field.Name);
            foreach (var alias in names)
            {
                if (byNormalised.TryGetValue(Normalise(alias), out var index) && taken.Add(index))
                {
                    indexByField[field.Name] = index;
                    break;
                }
            }
        }

        missingRequired = fields.Where(f => f.Required && !indexByField.ContainsKey(f.Name)).Select(f => f.Name).ToList();
        return new ColumnMap(indexByField, header);
    }

    /// <summary>Maps the header, reporting each missing required field (with the columns found) as an error on line 1.</summary>
    public static ColumnMap BuildReportingMissing(IReadOnlyList<string> header, IReadOnlyList<FieldSpec> fields, ImportReport report, int errorLimit)
    {
        var map = Build(header, fields, out var missing);
        foreach (var field in missing)
            report.AddError(new ImportError(report.File, 1, null, $"the header has no '{field}' column (found: {string.Join(", ", header)})"), errorLimit);
        return map;
    }

    public static string Normalise(string header)
    {
        Span<char> buffer = stackalloc char[Math.Min(header.Length, 256)];
        var length = 0;
        foreach (var c in header)
        {
            if (length == buffer.Length) break;
            if (char.IsLetterOrDigit(c))
                buffer[length++] = char.ToLowerInvariant(c);
        }
        return new string(buffer[..length]);
    }
}
