using System.Globalization;
using System.Text;
using Insights.Analytics.Compare;

namespace Insights.Analytics.Reports;

/// <summary>
/// The posts of a report as CSV (RFC 4180, UTF-8 with a byte order mark so spreadsheets read accents):
/// numbers in invariant culture, times in ISO 8601 UTC, text neutralised against formula injection. A report that
/// compares several profiles adds two tables after the posts, each after an empty line with its own header: the
/// profiles side by side and the labels they share (the Compare page's CSV tables).
/// </summary>
public static class CsvReportWriter
{
    public static async Task WriteAsync(ReportContent content, Stream output, CancellationToken cancellationToken = default)
    {
        var columns = ReportColumns.Posts(content);
        await using var writer = new StreamWriter(output, new UTF8Encoding(true), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        var line = new StringBuilder(512);
        for (var c = 0; c < columns.Count; c++)
        {
            if (c > 0) line.Append(',');
            AppendText(line, columns[c].Code);
        }
        await writer.WriteLineAsync(line, cancellationToken);
        foreach (var post in content.Posts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            line.Clear();
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0) line.Append(',');
                Append(line, columns[c].Value(post));
            }
            await writer.WriteLineAsync(line, cancellationToken);
        }
        if (content.Comparison is { Profiles.Count: >= 2 } comparison)
        {
            // Each further table after an empty line, with its own header: the profiles side by side, then the shared labels.
            foreach (var table in new[] { ComparisonCsv.Profiles(comparison), ComparisonCsv.Labels(comparison) })
            {
                await writer.WriteLineAsync();
                foreach (var text in table)
                    await writer.WriteLineAsync(text.AsMemory(), cancellationToken);
            }
        }
    }

    private static void Append(StringBuilder line, ReportCell cell)
    {
        if (cell.Number is { } n)
            line.Append(n.ToString("R", CultureInfo.InvariantCulture));
        else if (cell.Time is { } t)
            line.Append(t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        else if (cell.Text is { } text)
            AppendText(line, text);
    }

    private static void AppendText(StringBuilder line, string text)
    {
        var safe = SpreadsheetSafety.Neutralise(text);
        if (safe.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(safe);
            return;
        }
        line.Append('"').Append(safe.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
