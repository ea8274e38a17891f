namespace Insights.Analytics.Reports;

/// <summary>What a posts-table column holds, which decides its number format and width in the workbook.</summary>
public enum ReportColumnKind
{
    Text = 0,
    LongText = 1,
    Count = 2,
    Decimal = 3,
    Rate = 4,
    Share = 5,
    Time = 6,
    Label = 7,
}
