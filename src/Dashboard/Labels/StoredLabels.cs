using System.Text.Json;
using Insights.Analytics.Annotations;
using Insights.Analytics.Engagement;
using Insights.Inference.Vision;

namespace Insights.Dashboard.Labels;

/// <summary>
/// The one mapping between the vision library's <see cref="LabelSet"/> and the stored <see cref="LabelValues"/>:
/// the values the analytics use become columns, the unit embedding a float32 blob, and the rest (boxes, objects,
/// probabilities, model versions) compact JSON without the two embeddings that made old rows ~17.6 KB.
/// </summary>
public static class StoredLabels
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static LabelValues ToValues(LabelSet labels)
    {
        // the overlay text has its own (searchable) column
        var detail = labels with { Embedding = [], EmbeddingNormalized = [], FeatureMap = null, Text = labels.Text with { Content = "" } };
        return new LabelValues(
            labels.People.Count, PeopleLabel.Name(labels.People.Class), labels.Faces.Count,
            labels.Text.Present, labels.Text.AreaRatio,
            labels.Style.IsDrawing, labels.Style.DrawingScore, labels.Style.IsNsfw, labels.Style.NsfwScore,
            labels.Objects.Any(o => o.IsAnimal), string.Join(' ', labels.Objects.Select(o => o.Name.Replace(' ', '_'))),
            labels.Stats.Brightness, labels.Stats.Contrast, labels.Stats.Colourfulness, labels.Stats.Sharpness, labels.Stats.DominantHue, labels.Stats.AspectRatio,
            labels.EmbeddingNormalized, JsonSerializer.Serialize(detail, Json), labels.Text.Content.Length > 0 ? labels.Text.Content : null);
    }

    /// <summary>The label set back, with its unit embedding; the raw embedding (only needed while labelling) is empty.</summary>
    public static LabelSet ToLabelSet(LabelValues values)
    {
        var labels = JsonSerializer.Deserialize<LabelSet>(values.DetailJson, Json) ?? throw new JsonException("Empty label detail.");
        return labels with { EmbeddingNormalized = values.Embedding, Text = labels.Text with { Content = values.OverlayText ?? "" } };
    }

    /// <summary>Labels as stored before they had columns (one JSON document with both embeddings), converted.</summary>
    public static LabelValues FromLegacyJson(string labelsJson) =>
        ToValues(JsonSerializer.Deserialize<LabelSet>(labelsJson, Json) ?? throw new JsonException("Empty labels document."));

    /// <summary>The categories and numbers the engagement analytics see for one file's labels.</summary>
    public static AutomaticLabels ToAutomaticLabels(LabelValues labels)
    {
        var text = OverlayTextFeatures.Extract(labels.OverlayText);
        var categories = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["people"] = labels.PeopleClass,
            ["text_overlay"] = Flag(labels.TextPresent),
            ["text_number"] = Flag(text.HasNumber),
            ["text_price"] = Flag(text.HasPrice),
            ["text_call_to_action"] = Flag(text.CallToAction),
            ["illustration"] = Flag(labels.IsDrawing),
            ["animals"] = Flag(labels.HasAnimal),
            ["nsfw"] = Flag(labels.IsNsfw),
        };
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["faces"] = labels.Faces,
            ["text_area"] = labels.TextArea,
            ["text_words"] = text.Words,
            ["brightness"] = labels.Brightness,
            ["contrast"] = labels.Contrast,
            ["colourfulness"] = labels.Colourfulness,
            ["sharpness"] = labels.Sharpness,
            ["aspect_ratio"] = labels.AspectRatio,
        };
        return new AutomaticLabels(categories, numbers);
    }

    private static string Flag(bool value) => value ? "1" : "0";
}
