using System.Buffers;
using System.Text;

namespace Insights.Analytics.Ingestion.Tables;

/// <summary>
/// Streams an RFC 4180 CSV file: quoted fields with embedded separators, quotes ("") and newlines,
/// CRLF or LF line ends. The separator (comma, semicolon or tab) is detected on the header line,
/// since exports from some locales use semicolons.
/// </summary>
public sealed class CsvTableReader : ITableReader
{
    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _field = new();
    private readonly List<string?> _values = [];
    private int _position;
    private int _length;
    private long _physicalLine = 1;
    private char _separator;
    // What ends a run of plain characters outside quotes; runs between them are copied in one step.
    private SearchValues<char> _stops = SearchValues.Create("\"\n\r,");

    public CsvTableReader(TextReader reader)
    {
        _reader = reader;
        var header = ReadHeader();
        Header = header;
    }

    public IReadOnlyList<string> Header { get; }

    public long Line { get; private set; }

    public int FieldCount => _values.Count;

    public string? this[int column] => column < _values.Count ? _values[column] : null;

    public bool Read()
    {
        while (true)
        {
            if (!ReadRecord())
                return false;
            // Blank lines between records carry nothing; skip them rather than report them.
            if (_values.Count == 1 && _values[0] is null)
                continue;
            return true;
        }
    }

    public void Dispose() => _reader.Dispose();

    private List<string> ReadHeader()
    {
        _separator = DetectSeparator();
        _stops = SearchValues.Create(['"', '\n', '\r', _separator]);
        if (!ReadRecord())
            return [];
        return _values.Select(v => (v ?? "").Trim()).ToList();
    }

    private char DetectSeparator()
    {
        Fill();
        var inQuotes = false;
        int commas = 0, semicolons = 0, tabs = 0;
        for (var i = 0; i < _length; i++)
        {
            var c = _buffer[i];
            if (c == '"') inQuotes = !inQuotes;
            else if (inQuotes) continue;
            else if (c is '\n' or '\r') break;
            else if (c == ',') commas++;
            else if (c == ';') semicolons++;
            else if (c == '\t') tabs++;
        }
        if (tabs > commas && tabs > semicolons) return '\t';
        return semicolons > commas ? ';' : ',';
    }

    private bool Fill()
    {
        if (_position < _length)
            return true;
        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }

    private bool ReadRecord()
    {
        _values.Clear();
        if (!Fill())
            return false;
        Line = _physicalLine;
        _field.Clear();
        var quoted = false;
        var inQuotes = false;
        while (true)
        {
            if (!Fill())
            {
                if (inQuotes)
                    throw new TableFormatException(Line, "a quoted field is not closed before the end of the file");
                EndField(quoted);
                return true;
            }

            var c = _buffer[_position++];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (!Fill() || _buffer[_position] != '"')
                    {
                        inQuotes = false;
                        continue;
                    }
                    _position++;
                    _field.Append('"');
                }
                else
                {
                    if (c == '\n') _physicalLine++;
                    _field.Append(c);
                    var inside = Run(_buffer.AsSpan(_position, _length - _position).IndexOf('"'));
                    _physicalLine += inside.Count('\n');
                    _field.Append(inside);
                }
                continue;
            }

            if (c == _separator)
            {
                EndField(quoted);
                quoted = false;
            }
            else if (c == '"' && _field.Length == 0 && !quoted)
            {
                inQuotes = quoted = true;
            }
            else if (c == '\n')
            {
                _physicalLine++;
                EndField(quoted);
                return true;
            }
            else if (c == '\r')
            {
                if (Fill() && _buffer[_position] == '\n')
                    _position++;
                _physicalLine++;
                EndField(quoted);
                return true;
            }
            else
            {
                _field.Append(c);
                _field.Append(Run(_buffer.AsSpan(_position, _length - _position).IndexOfAny(_stops)));
            }
        }
    }

    /// <summary>The buffered characters before <paramref name="stop"/> (all that is buffered when it is -1), consumed.</summary>
    private ReadOnlySpan<char> Run(int stop)
    {
        var length = stop < 0 ? _length - _position : stop;
        var run = _buffer.AsSpan(_position, length);
        _position += length;
        return run;
    }

    private void EndField(bool quoted)
    {
        // Unquoted fields are trimmed (exports pad numbers); quoted ones keep their spaces.
        // A quoted empty field ("") is empty like an unquoted one: exports that quote every
        // field write missing metrics that way.
        string? value;
        if (quoted)
            value = _field.Length == 0 ? null : _field.ToString();
        else
        {
            int start = 0, end = _field.Length;
            while (start < end && char.IsWhiteSpace(_field[start]))
                start++;
            while (end > start && char.IsWhiteSpace(_field[end - 1]))
                end--;
            value = end == start ? null : _field.ToString(start, end - start);
        }
        _values.Add(value);
        _field.Clear();
    }
}
