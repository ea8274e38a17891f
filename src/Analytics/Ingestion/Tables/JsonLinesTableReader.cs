using System.Text.Json;

namespace Insights.Analytics.Ingestion.Tables;

/// <summary>
/// Streams a JSON Lines file, one object per line. Columns are the keys of the first object;
/// later objects may omit keys (missing) or add keys that are ignored.
/// </summary>
public sealed class JsonLinesTableReader : ITableReader
{
    private readonly TextReader _reader;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private readonly List<string> _header = [];
    private string?[] _values = [];
    private long _physicalLine;
    private string? _pendingLine;

    public JsonLinesTableReader(TextReader reader)
    {
        _reader = reader;
        // The first non-blank object defines the columns; keep it to be read as the first record.
        while ((_pendingLine = _reader.ReadLine()) is not null)
        {
            _physicalLine++;
            if (!string.IsNullOrWhiteSpace(_pendingLine))
                break;
        }
        if (_pendingLine is not null)
        {
            using var document = Parse(_pendingLine, _physicalLine);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (_columns.TryAdd(property.Name, _header.Count))
                    _header.Add(property.Name);
            }
        }
    }

    public IReadOnlyList<string> Header => _header;

    public long Line { get; private set; }

    public string? this[int column] => column < _values.Length ? _values[column] : null;

    public bool Read()
    {
        string? line;
        if (_pendingLine is not null)
        {
            line = _pendingLine;
            _pendingLine = null;
        }
        else
        {
            do
            {
                line = _reader.ReadLine();
                if (line is null)
                    return false;
                _physicalLine++;
            }
            while (string.IsNullOrWhiteSpace(line));
        }

        Line = _physicalLine;
        _values = new string?[_header.Count];
        using var document = Parse(line, Line);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (_columns.TryGetValue(property.Name, out var index))
                _values[index] = ToText(property.Value);
        }
        return true;
    }

    public void Dispose() => _reader.Dispose();

    private static JsonDocument Parse(string line, long lineNumber)
    {
        try
        {
            var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new TableFormatException(lineNumber, "each line must be a JSON object");
            }
            return document;
        }
        catch (JsonException ex)
        {
            throw new TableFormatException(lineNumber, $"invalid JSON ({ex.Message})");
        }
    }

    private static string? ToText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => string.Join('|', value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
        _ => value.GetRawText(),
    };
}
