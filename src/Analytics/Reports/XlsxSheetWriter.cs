using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Insights.Analytics.Reports;

/// <summary>Writes numbered rows of referenced cells ("B7"); empty cells are left out, as spreadsheets do.</summary>
internal sealed class XlsxSheetWriter(OpenXmlWriter writer, XlsxSharedStrings strings)
{
    private uint _row;

    public void Row(params XlsxCell[] cells)
    {
        _row++;
        var rowNumber = _row.ToString(CultureInfo.InvariantCulture);
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", rowNumber)]);
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            if (cell.Text is null && cell.Number is null)
                continue;
            var attributes = new List<OpenXmlAttribute> { new("r", "", ColumnName(i) + rowNumber) };
            if (cell.Style != 0)
                attributes.Add(new OpenXmlAttribute("s", "", cell.Style.ToString(CultureInfo.InvariantCulture)));
            if (cell.Text is { } text)
            {
                attributes.Add(new OpenXmlAttribute("t", "", "s"));
                writer.WriteStartElement(new Cell(), attributes);
                writer.WriteElement(new CellValue(strings.Index(text)));
            }
            else
            {
                writer.WriteStartElement(new Cell(), attributes);
                writer.WriteElement(new CellValue(cell.Number!.Value));
            }
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    // 0 → A, 25 → Z, 26 → AA.
    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }
}
