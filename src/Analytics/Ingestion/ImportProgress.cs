namespace Insights.Analytics.Ingestion;

/// <summary>Rows (or files) done so far in one file.</summary>
public sealed record ImportProgress(string File, long Done, long Bytes);
