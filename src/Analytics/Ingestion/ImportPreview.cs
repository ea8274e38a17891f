namespace Insights.Analytics.Ingestion;

/// <summary>What a file would import as: kind, header, which column maps to which field, missing required fields, sample rows.</summary>
public sealed record ImportPreview(
    string File,
    string Kind,
    IReadOnlyList<string> Header,
    IReadOnlyDictionary<string, string> Mapping,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string?[]> SampleRows,
    string? Platform = null);
