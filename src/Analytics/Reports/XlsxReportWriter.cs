using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Insights.Analytics.Engagement;

namespace Insights.Analytics.Reports;

/// <summary>
/// A report as an XLSX workbook written with the Open XML SDK's streaming writer (so 100k posts stay cheap):
/// Summary (KPIs), Posts (metrics, rates, classes, labels), Labels (engagement by label with n and 95%
/// intervals) and Drivers (importance and partial dependence). Numbers are number cells; user text is an
/// inline string, neutralised against formula injection.
/// </summary>
public static class XlsxReportWriter
{
    // Style indices of the stylesheet below.
    private const uint Header = 1;
    private const uint Time = 2;
    private const uint Percent = 3;
    private const uint Decimal = 4;

    public static Task WriteAsync(ReportContent content, Stream output, CancellationToken cancellationToken = default)
    {
        // The SDK writes synchronously; a seekable buffer keeps it off the response stream's sync-write ban.
        return Task.Run(async () =>
        {
            using var buffer = new MemoryStream();
            Write(content, buffer, cancellationToken);
            buffer.Position = 0;
            await buffer.CopyToAsync(output, cancellationToken);
        }, cancellationToken);
    }

    public static void Write(ReportContent content, Stream output, CancellationToken cancellationToken = default)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        var sheets = new List<(string Name, string Id)>();

        void Sheet(string name, Action<OpenXmlWriter> rows)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(part))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                rows(writer);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            sheets.Add((name, workbook.GetIdOfPart(part)));
        }

        Sheet("Summary", w => Summary(w, content));
        Sheet("Posts", w => Posts(w, content, cancellationToken));
        Sheet("Labels", w => Labels(w, content.Labels));
        Sheet("Drivers", w => Drivers(w, content.Drivers));

        workbook.Workbook = new Workbook(new Sheets(sheets.Select((s, i) => new Sheet { Name = s.Name, SheetId = (uint)(i + 1), Id = s.Id })));
        workbook.Workbook.Save();
    }

    private static void Summary(OpenXmlWriter w, ReportContent c)
    {
        var k = c.Kpis;
        Row(w, [Text("Insights report", Header)]);
        Row(w, [Text("Profile"), Text(c.ProfileName)]);
        Row(w, [Text("Platform"), Text(c.Platform)]);
        Row(w, [Text("Date range"), Text(c.RangeText)]);
        Row(w, [Text("Generated (UTC)"), Date(c.GeneratedUtc)]);
        Row(w, []);
        Row(w, [Text("Figure", Header), Text("Value", Header), Text("n (posts)", Header)]);
        Row(w, [Text("Posts"), Number(k.Posts), Number(k.Posts)]);
        Row(w, [Text("Images"), Number(k.Images), Number(k.Posts)]);
        Row(w, [Text("Carousels"), Number(k.Carousels), Number(k.Posts)]);
        Row(w, [Text("Videos"), Number(k.Videos), Number(k.Posts)]);
        Row(w, [Text(k.MedianPopularityRate.Name), Number(k.MedianPopularityRate.Value, Percent), Number(k.MedianPopularityRate.N)]);
        Row(w, [Text(k.MedianEngagementRate.Name), Number(k.MedianEngagementRate.Value, Percent), Number(k.MedianEngagementRate.N)]);
        Row(w, [Text("Likes + comments"), Number(k.Interactions), Number(k.Posts)]);
        Row(w, [Text("Followers at the first post"), Number(k.FollowersAtStart), Empty()]);
        Row(w, [Text("Followers at the last post"), Number(k.FollowersAtEnd), Empty()]);
        for (var i = 0; i < k.PostsPerClass.Count; i++)
            Row(w, [Text($"Posts in class '{c.ClassNames[i]}'"), Number(k.PostsPerClass[i]), Number(k.PostsPerClass.Sum())]);
    }

    private static void Posts(OpenXmlWriter w, ReportContent content, CancellationToken cancellationToken)
    {
        var columns = ReportColumns.Posts(content);
        Row(w, columns.Select(c => Text(c.Header, Header)).ToArray());
        foreach (var post in content.Posts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            w.WriteStartElement(new Row());
            foreach (var (_, value) in columns)
                Cell(w, value(post));
            w.WriteEndElement();
        }
    }

    private static void Labels(OpenXmlWriter w, LabelBreakdown? labels)
    {
        if (labels is null)
        {
            Row(w, [Text("No posts in the range.")]);
            return;
        }
        Row(w, [Text("Target"), Text(labels.Target)]);
        Row(w, [Text("Posts with the target"), Number(labels.Posts)]);
        Row(w, [Text("Intervals"), Text($"95% bootstrap intervals of the median, {labels.Resamples:N0} resamples; lift = median / median of all posts of the same media group")]);
        Row(w, []);
        Row(w, Headers("category", "source", "value", "media_group", "n", "median", "median_low_95", "median_high_95", "lift", "lift_low_95", "lift_high_95", "few_posts"));
        foreach (var category in labels.Categories)
        {
            foreach (var r in category.Rows)
            {
                Row(w, [Text(category.Category), Text(ReportColumns.SourceText(category.Source)), Text(r.Value), Text(LabelBreakdowns.GroupName(r.Group)),
                    Number(r.N), Number(r.Median, Decimal), Number(r.MedianLow, Decimal), Number(r.MedianHigh, Decimal),
                    Number(r.Lift, Decimal), Number(r.LiftLow, Decimal), Number(r.LiftHigh, Decimal), Text(r.Sparse ? "yes" : "no")]);
            }
        }
    }

    private static void Drivers(OpenXmlWriter w, ReportDrivers? drivers)
    {
        if (drivers is null)
        {
            Row(w, [Text("No drivers model (too few posts with a rate, or not trained).")]);
            return;
        }
        Row(w, [Text("Target"), Text(drivers.Target)]);
        Row(w, [Text("Posts"), Number(drivers.Posts)]);
        Row(w, [Text("Cross-validated R²"), Number(drivers.CrossValidatedR2, Decimal)]);
        Row(w, [Text("Baseline R² (mean only)"), Number(drivers.BaselineR2, Decimal)]);
        Row(w, []);
        Row(w, Headers("feature", "source", "importance (drop in R²)", "sd"));
        foreach (var i in drivers.AllImportances)
            Row(w, [Text(i.Feature), Text(ReportColumns.SourceText(i.Source)), Number(i.MeanDrop, Decimal), Number(i.SdDrop, Decimal)]);
        Row(w, []);
        Row(w, Headers("feature", "value", "relative to a typical post", "posts (histogram)"));
        foreach (var d in drivers.Top)
        {
            if (d.PartialDependence is not { } pd)
                continue;
            for (var g = 0; g < pd.GridLabels.Length; g++)
            {
                Row(w, [Text(d.Feature), pd.Kind == FeatureKind.Numeric ? Number(pd.GridValues[g], Decimal) : Text(pd.GridLabels[g]),
                    Number(Math.Exp(pd.Average[g] - drivers.MeanPrediction), Decimal),
                    pd.Kind == FeatureKind.Categorical && g < pd.Histogram.Counts.Length ? Number(CategoryCount(pd, g)) : Empty()]);
            }
        }
    }

    private static Action<OpenXmlWriter>[] Headers(params string[] names) => names.Select(h => Text(h, Header)).ToArray();

    private static int CategoryCount(PartialDependenceResult pd, int g)
    {
        var k = Array.IndexOf(pd.Histogram.Labels, pd.GridLabels[g]);
        return k >= 0 ? pd.Histogram.Counts[k] : 0;
    }

    private static Action<OpenXmlWriter> Text(string? text, uint style = 0) => w =>
    {
        var attributes = new List<OpenXmlAttribute> { new("t", "", "inlineStr") };
        if (style != 0) attributes.Add(new OpenXmlAttribute("s", "", style.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        w.WriteStartElement(new Cell(), attributes);
        w.WriteElement(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(XmlSafe(SpreadsheetSafety.Neutralise(text))) { Space = SpaceProcessingModeValues.Preserve }));
        w.WriteEndElement();
    };

    private static Action<OpenXmlWriter> Number(double? value, uint style = 0) => w =>
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            w.WriteElement(new Cell());
            return;
        }
        var attributes = style == 0 ? [] : new List<OpenXmlAttribute> { new("s", "", style.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        w.WriteStartElement(new Cell(), attributes);
        w.WriteElement(new CellValue(v));
        w.WriteEndElement();
    };

    private static Action<OpenXmlWriter> Date(DateTime value) => Number(value.ToOADate(), Time);

    private static Action<OpenXmlWriter> Empty() => w => w.WriteElement(new Cell());

    private static void Cell(OpenXmlWriter w, ReportCell cell)
    {
        if (cell.Number is { } n) Number(n, cell.IsRate ? Percent : 0)(w);
        else if (cell.Time is { } t) Date(t)(w);
        else if (cell.Text is not null) Text(cell.Text)(w);
        else Empty()(w);
    }

    private static void Row(OpenXmlWriter w, Action<OpenXmlWriter>[] cells)
    {
        w.WriteStartElement(new Row());
        foreach (var cell in cells) cell(w);
        w.WriteEndElement();
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

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm" }, new NumberingFormat { NumberFormatId = 165, FormatCode = "0.000" }) { Count = 2 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true })
        { Count = 5 });
}
