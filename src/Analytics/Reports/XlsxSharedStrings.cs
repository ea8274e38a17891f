using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Insights.Analytics.Reports;

/// <summary>The workbook's shared string table: each distinct text once, referenced by index.</summary>
internal sealed class XlsxSharedStrings
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _texts = [];

    public int Index(string text)
    {
        var safe = XmlSafe(SpreadsheetSafety.Neutralise(text));
        if (!_index.TryGetValue(safe, out var index))
        {
            index = _texts.Count;
            _index[safe] = index;
            _texts.Add(safe);
        }
        return index;
    }

    public void WriteTo(SharedStringTablePart part)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new SharedStringTable { Count = (uint)_texts.Count, UniqueCount = (uint)_texts.Count });
        foreach (var text in _texts)
            writer.WriteElement(new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        writer.WriteEndElement();
    }

    // XML 1.0 cannot carry most control characters (a caption with one would make the workbook unreadable), and
    // XML readers turn a carriage return into a line feed; OOXML's _x000D_ escape keeps it.
    private static string XmlSafe(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.Any(ch => ch < ' ' && ch is not '\t' and not '\n'))
            text = new string(text.Where(ch => ch >= ' ' || ch is '\t' or '\n' or '\r').ToArray());
        return text.Replace("_x", "_x005F_x", StringComparison.Ordinal).Replace("\r", "_x000D_", StringComparison.Ordinal);
    }
}
