using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;
using Insights.Analytics.Vocabulary;

namespace Insights.Analytics.Reports;

/// <summary>
/// A report as an XLSX workbook written with the Open XML SDK's streaming writer (so 100k posts stay cheap):
/// Summary (the executive summary, KPIs and how the report measures), then the chosen sections: Posts (metrics,
/// rates, classes, labels), Labels (engagement by label with n and 95% intervals), Drivers and Driver effects, and
/// Comparison when the report covers several profiles.
/// Headers are display names from the vocabulary; every table's header row is frozen, columns have widths and
/// numbers carry formats (percentages, thousands, two decimals). Cells carry their references and text goes
/// into the shared string table, the form every reader handles; user text is neutralised against formula
/// injection. The workbook passes the Open XML SDK's validator.
/// </summary>
public static class XlsxReportWriter
{
    // Style indices of the stylesheet below.
    internal const uint Header = 1;
    internal const uint Time = 2;
    internal const uint Percent = 3;
    internal const uint Decimal = 4;
    internal const uint Whole = 5;
    internal const uint WholePercent = 6;
    internal const uint Fine = 7;
    internal const uint Title = 8;

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
        var strings = new XlsxSharedStrings();
        var sheets = new List<(string Name, string Id)>();

        void Sheet(string name, int frozenRows, double[] widths, Action<XlsxSheetWriter> rows)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(part))
            {
                writer.WriteStartElement(new Worksheet());
                if (frozenRows > 0)
                {
                    var topLeft = "A" + (frozenRows + 1).ToString(CultureInfo.InvariantCulture);
                    writer.WriteElement(new SheetViews(new SheetView(
                        new Pane { VerticalSplit = frozenRows, TopLeftCell = topLeft, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                        new Selection { Pane = PaneValues.BottomLeft, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } })
                    { WorkbookViewId = 0 }));
                }
                if (widths.Length > 0)
                {
                    writer.WriteElement(new Columns(widths.Select((width, i) => new Column
                    {
                        Min = (uint)(i + 1), Max = (uint)(i + 1), Width = width, CustomWidth = true,
                    })));
                }
                writer.WriteStartElement(new SheetData());
                rows(new XlsxSheetWriter(writer, strings));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            sheets.Add((name, workbook.GetIdOfPart(part)));
        }

        Sheet("Summary", 0, [46, 28, 12], w => Summary(w, content));
        if (content.Sections.HasFlag(ReportSections.Posts))
        {
            var columns = ReportColumns.Posts(content);
            Sheet("Posts", 1, columns.Select(Width).ToArray(), w => Posts(w, content, columns, cancellationToken));
        }
        if (content.Sections.HasFlag(ReportSections.Labels))
            Sheet("Labels", 1, [30, 14, 26, 14, 8, 12, 14, 14, 14, 12, 12, 10, 70], w => Labels(w, content));
        if (content.Sections.HasFlag(ReportSections.Drivers))
        {
            Sheet("Drivers", 1, [34, 14, 30, 14], w => Drivers(w, content.Drivers));
            Sheet("Driver effects", 1, [34, 24, 28, 20], w => DriverEffects(w, content.Drivers));
        }
        if (content.Comparison is { Profiles.Count: >= 2 } comparison)
            Sheet("Comparison", 0, XlsxComparisonSheet.Widths, w => XlsxComparisonSheet.Write(w, comparison));

        strings.WriteTo(workbook.AddNewPart<SharedStringTablePart>());
        workbook.Workbook = new Workbook(new Sheets(sheets.Select((s, i) => new Sheet { Name = s.Name, SheetId = (uint)(i + 1), Id = s.Id })));
        workbook.Workbook.Save();
    }

    private static void Summary(XlsxSheetWriter w, ReportContent c)
    {
        var k = c.Kpis;
        w.Row(Text("Insights report", Title));
        w.Row(Text("Profile"), Text(c.ProfileName));
        w.Row(Text("Platform"), Text(Terms.Humanise(c.Platform)));
        w.Row(Text("Date range"), Text(c.RangeText));
        w.Row(Text("Generated (UTC)"), Date(c.GeneratedUtc));
        w.Row();
        w.Row(Text("Executive summary", Header));
        foreach (var sentence in ExecutiveSummary.Sentences(c))
            w.Row(Text(sentence));
        w.Row();
        w.Row(Text("Figure", Header), Text("Value", Header), Text("n (posts)", Header));
        w.Row(Text("Posts"), Number(k.Posts, Whole), Number(k.Posts, Whole));
        w.Row(Text("Images"), Number(k.Images, Whole), Number(k.Posts, Whole));
        w.Row(Text("Carousels"), Number(k.Carousels, Whole), Number(k.Posts, Whole));
        w.Row(Text("Videos"), Number(k.Videos, Whole), Number(k.Posts, Whole));
        w.Row(Text(k.MedianPopularityRate.Name), Number(k.MedianPopularityRate.Value, Percent), Number(k.MedianPopularityRate.N, Whole));
        w.Row(Text(k.MedianEngagementRate.Name), Number(k.MedianEngagementRate.Value, Percent), Number(k.MedianEngagementRate.N, Whole));
        w.Row(Text("Likes + comments"), Number(k.Interactions, Whole), Number(k.Posts, Whole));
        w.Row(Text("Followers at the first post"), Number(k.FollowersAtStart, Whole), Empty());
        w.Row(Text("Followers at the last post"), Number(k.FollowersAtEnd, Whole), Empty());
        for (var i = 0; i < k.PostsPerClass.Count; i++)
            w.Row(Text($"Posts in class '{c.ClassNames[i]}'"), Number(k.PostsPerClass[i], Whole), Number(k.PostsPerClass.Sum(), Whole));
        if (c.Target is { } target)
        {
            w.Row();
            w.Row(Text("How engagement is measured", Header));
            w.Row(Text("Rate"), Text(Terms.Humanise(target.Name)));
            w.Row(Text("Why this rate"), Text(target.Reason));
            if (target.Detrended)
                w.Row(Text("Compared with"), Text("the posts published in the weeks around each post (1 = a typical post of its time)"));
            if (c.Labels is { } labels)
                w.Row(Text("Intervals"), Text($"95% bootstrap intervals of the median, {labels.Resamples:N0} resamples"));
            if (c.Drivers is { } d)
            {
                w.Row(Text("Drivers model: differences explained (cross-validated R²)"), Number(Math.Max(0, d.CrossValidatedR2), Decimal), Number(d.Posts, Whole));
                w.Row(Text("An average alone (R²)"), Number(Math.Max(0, d.BaselineR2), Decimal), Number(d.Posts, Whole));
            }
        }
    }

    private static void Posts(XlsxSheetWriter w, ReportContent content, IReadOnlyList<ReportColumn> columns, CancellationToken cancellationToken)
    {
        w.Row(columns.Select(c => Text(c.Header, Header)).ToArray());
        var cells = new XlsxCell[columns.Count];
        foreach (var post in content.Posts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < columns.Count; i++)
                cells[i] = Cell(columns[i], columns[i].Value(post));
            w.Row(cells);
        }
    }

    private static void Labels(XlsxSheetWriter w, ReportContent content)
    {
        if (content.Labels is not { } labels)
        {
            w.Row(Text("No posts in the range."));
            return;
        }
        var median = labels.Detrended ? "Median (× typical post of its time)" : $"Median {labels.Target}";
        w.Row(Headers("Label", "Source", "Value", "Format", "n", median, "Median low (95%)", "Median high (95%)", "Against all posts (×)", "Low (95%)", "High (95%)", "Few posts", "In words"));
        var level = labels.Detrended ? Decimal : Percent;
        foreach (var category in labels.Categories.Where(k => content.Shows(k.Category)))
        {
            foreach (var r in category.Rows)
            {
                w.Row(Text(Terms.Name(category.Category)), Text(SourceText(category.Source)), Text(Terms.Value(category.Category, r.Value)), Text(GroupText(r.Group)),
                    Number(r.N, Whole), Number(r.Median, level), Number(r.MedianLow, level), Number(r.MedianHigh, level),
                    Number(r.Lift, Decimal), Number(r.LiftLow, Decimal), Number(r.LiftHigh, Decimal), Text(r.Sparse ? "yes" : "no"),
                    Text(r.Group is null && Findings.IsClear(r) ? Findings.Sentence(category.Category, r) : ""));
            }
        }
    }

    private static void Drivers(XlsxSheetWriter w, ReportDrivers? drivers)
    {
        if (drivers is null)
        {
            w.Row(Text("No drivers model (too few posts with a rate, or not trained)."));
            return;
        }
        w.Row(Headers("Feature", "Source", "Importance (drop in R² when scrambled)", "Spread (sd)"));
        foreach (var i in drivers.AllImportances)
            w.Row(Text(Terms.Name(i.Feature)), Text(SourceText(i.Source)), Number(i.MeanDrop, Fine), Number(i.SdDrop, Fine));
    }

    private static void DriverEffects(XlsxSheetWriter w, ReportDrivers? drivers)
    {
        if (drivers is null)
        {
            w.Row(Text("No drivers model (too few posts with a rate, or not trained)."));
            return;
        }
        w.Row(Headers("Feature", "Value", "Predicted, against a typical post (×)", "Posts with the value"));
        foreach (var d in drivers.Top)
        {
            if (d.PartialDependence is not { } pd)
                continue;
            for (var g = 0; g < pd.GridLabels.Length; g++)
            {
                w.Row(Text(Terms.Of(d.Feature).NameWithUnit),
                    pd.Kind == FeatureKind.Numeric ? Number(Math.Round(pd.GridValues[g], 3), Decimal) : Text(Terms.Value(d.Feature, pd.GridLabels[g])),
                    Number(Math.Exp(pd.Average[g] - drivers.MeanPrediction), Decimal),
                    pd.Kind == FeatureKind.Categorical && g < pd.Histogram.Counts.Length ? Number(CategoryCount(pd, g), Whole) : Empty());
            }
        }
    }

    private static string SourceText(LabelSource source) => source switch
    {
        LabelSource.Manual => "your labels",
        LabelSource.Automatic => "automatic",
        LabelSource.Caption => "caption",
        _ => "post",
    };

    private static string GroupText(MediaGroup? group) => group switch
    {
        null => "all formats",
        MediaGroup.Videos => "videos",
        _ => "images and carousels",
    };

    private static double Width(ReportColumn column) => column.Kind switch
    {
        ReportColumnKind.LongText => 60,
        ReportColumnKind.Time => 17,
        _ => Math.Clamp(column.Header.Length + 3, 10, 40),
    };

    internal static XlsxCell[] Headers(params string[] names) => names.Select(h => Text(h, Header)).ToArray();

    private static int CategoryCount(PartialDependenceResult pd, int g)
    {
        var k = Array.IndexOf(pd.Histogram.Labels, pd.GridLabels[g]);
        return k >= 0 ? pd.Histogram.Counts[k] : 0;
    }

    private static XlsxCell Cell(ReportColumn column, ReportCell cell)
    {
        if (cell.Number is { } n)
        {
            return Number(n, column.Kind switch
            {
                ReportColumnKind.Rate => Percent,
                ReportColumnKind.Share => WholePercent,
                ReportColumnKind.Count => Whole,
                ReportColumnKind.Decimal => Decimal,
                _ => 0,
            });
        }
        if (cell.Time is { } t) return Date(t);
        if (cell.Text is { } text) return Text(column.Category is { } category ? Terms.Value(category, text) : text);
        return Empty();
    }

    internal static XlsxCell Text(string? text, uint style = 0) => new(text ?? "", null, style);

    internal static XlsxCell Number(double? value, uint style = 0) => value is { } v && double.IsFinite(v) ? new(null, v, style) : Empty();

    private static XlsxCell Date(DateTime value) => Number(value.ToOADate(), Time);

    internal static XlsxCell Empty() => default;

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.000" })
        { Count = 2 },
        new Fonts(new Font(), new Font(new Bold()), new Font(new Bold(), new FontSize { Val = 14 })) { Count = 3 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 1, ApplyFont = true, ApplyAlignment = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 2, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 9, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { FontId = 2, ApplyFont = true })
        { Count = 9 });
}
