namespace Insights.Analytics.Reports;

/// <summary>A cell to write: text, a number, or nothing, with its style index.</summary>
internal readonly record struct XlsxCell(string? Text, double? Number, uint Style);
