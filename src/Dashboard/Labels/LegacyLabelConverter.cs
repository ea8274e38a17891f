using System.Text.Json;
using Insights.Analytics.Annotations;

namespace Insights.Dashboard.Labels;

/// <summary>
/// The data step of the StructuredLabels migration: annotation rows stored as one JSON document before labels had
/// columns are converted to columns, an embedding blob and detail JSON, in batches, without labelling anything
/// again. Runs at start before requests are served; once every row is converted it is one indexed query that finds
/// nothing. A document that cannot be read marks its row failed with the reason and keeps the document.
/// </summary>
public sealed class LegacyLabelConverter(AnnotationStore annotations, ILogger<LegacyLabelConverter> logger)
{
    private const int Batch = 500;

    /// <summary>Converts every legacy row; returns how many were converted.</summary>
    public async Task<int> ConvertAsync(CancellationToken cancellationToken = default)
    {
        var converted = 0;
        while (true)
        {
            var rows = await annotations.LegacyAsync(Batch, cancellationToken);
            if (rows.Count == 0)
                break;
            await annotations.ConvertLegacyAsync(rows.Select(Convert).ToList(), cancellationToken);
            converted += rows.Count;
            logger.LogInformation("Converted {Count:N0} stored label documents to columns", converted);
        }
        return converted;
    }

    private (long Id, LabelValues? Labels, string? Problem) Convert(LegacyAnnotation row)
    {
        try
        {
            return (row.Id, StoredLabels.FromLegacyJson(row.LabelsJson), null);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Stored labels of media asset {Asset} could not be read", row.AssetId);
            return (row.Id, null, $"The labels stored by an older version could not be read ({ex.Message}); label this file again.");
        }
    }
}
