namespace Insights.Analytics.Reports;

/// <summary>
/// One column of the posts table: its code name (the CSV header, stable for scripts), its display header (the
/// workbook's), what it holds and how to read it from a post.
/// </summary>
/// <param name="Category">For an automatic label column, the category whose values are shown through the vocabulary.</param>
public sealed record ReportColumn(string Code, string Header, ReportColumnKind Kind, Func<ReportPost, ReportCell> Value, string? Category = null);
