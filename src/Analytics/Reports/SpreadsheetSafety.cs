namespace Insights.Analytics.Reports;

/// <summary>
/// Keeps user text from being run as a formula when a CSV or workbook is opened in a spreadsheet (CSV/formula
/// injection): text starting with =, +, -, @, tab or carriage return gets a leading apostrophe. Only text goes
/// through here; numbers are written as numbers, so a negative count stays a number.
/// </summary>
public static class SpreadsheetSafety
{
    public static string Neutralise(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        return text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }
}
