namespace Insights.Analytics.Ingestion;

/// <summary>Thrown while reading an archive's entries once they unpack to more than its <see cref="ArchiveBudget"/>.</summary>
public sealed class ArchiveBudgetExceededException(string reason) : IOException(reason);
