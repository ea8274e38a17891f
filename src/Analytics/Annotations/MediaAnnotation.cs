namespace Insights.Analytics.Annotations;

/// <summary>
/// The output of one labeler version on one media asset. A new version adds rows and never
/// overwrites history; readers take the newest successful row, so old labels serve until new ones exist.
/// A successful row holds its labels as columns (see <see cref="LabelValues"/>); a failed one only its error.
/// </summary>
public sealed class MediaAnnotation
{
    public long Id { get; set; }

    public long MediaAssetId { get; set; }

    /// <summary>Which models, converter and thresholds produced the labels.</summary>
    public required string ModelVersion { get; set; }

    public bool Succeeded { get; set; }

    /// <summary>
    /// The labels as one JSON document, as rows were stored before labels had columns (with two 1280-d embeddings
    /// inside, ~17.6 KB). Read only by the start-up step that converts such rows to columns, which then clears it.
    /// </summary>
    public string? LabelsJson { get; set; }

    public int PeopleCount { get; set; }

    /// <summary>no_person, one_person, two_persons or three_or_more; null on a failed row.</summary>
    public string? PeopleClass { get; set; }

    public int Faces { get; set; }

    public bool TextPresent { get; set; }

    public float TextArea { get; set; }

    public bool IsDrawing { get; set; }

    public float DrawingScore { get; set; }

    public bool IsNsfw { get; set; }

    public float NsfwScore { get; set; }

    public bool HasAnimal { get; set; }

    /// <summary>The COCO classes present, space-separated, best score first.</summary>
    public string? Objects { get; set; }

    public float Brightness { get; set; }

    public float Contrast { get; set; }

    public float Colourfulness { get; set; }

    public float Sharpness { get; set; }

    public float? DominantHue { get; set; }

    public float AspectRatio { get; set; }

    /// <summary>The unit-length embedding, little-endian float32 (5,120 bytes for 1280 dimensions).</summary>
    public byte[]? Embedding { get; set; }

    /// <summary>The overlay text read by OCR (lines separated by newlines), searchable in the Library; null when none was read.</summary>
    public string? OverlayText { get; set; }

    /// <summary>Boxes, object list, class probabilities and model versions as JSON, without embeddings.</summary>
    public string? DetailJson { get; set; }

    /// <summary>Why the asset could not be labelled, in plain words.</summary>
    public string? Error { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>The stored labels, or null for a failed row (or one not yet converted from <see cref="LabelsJson"/>).</summary>
    public LabelValues? Values => PeopleClass is null || Embedding is null || DetailJson is null
        ? null
        : new LabelValues(PeopleCount, PeopleClass, Faces, TextPresent, TextArea, IsDrawing, DrawingScore, IsNsfw, NsfwScore, HasAnimal, Objects ?? "",
            Brightness, Contrast, Colourfulness, Sharpness, DominantHue, AspectRatio, EmbeddingBytes.ToFloats(Embedding), DetailJson, OverlayText);

    /// <summary>Stores <paramref name="values"/> in the columns (null: a failed row, every label column cleared).</summary>
    public void SetValues(LabelValues? values)
    {
        Succeeded = values is not null;
        LabelsJson = null;
        PeopleCount = values?.PeopleCount ?? 0;
        PeopleClass = values?.PeopleClass;
        Faces = values?.Faces ?? 0;
        TextPresent = values?.TextPresent ?? false;
        TextArea = values?.TextArea ?? 0;
        IsDrawing = values?.IsDrawing ?? false;
        DrawingScore = values?.DrawingScore ?? 0;
        IsNsfw = values?.IsNsfw ?? false;
        NsfwScore = values?.NsfwScore ?? 0;
        HasAnimal = values?.HasAnimal ?? false;
        Objects = values?.Objects;
        Brightness = values?.Brightness ?? 0;
        Contrast = values?.Contrast ?? 0;
        Colourfulness = values?.Colourfulness ?? 0;
        Sharpness = values?.Sharpness ?? 0;
        DominantHue = values?.DominantHue;
        AspectRatio = values?.AspectRatio ?? 0;
        Embedding = values is null ? null : EmbeddingBytes.ToBytes(values.Embedding);
        DetailJson = values?.DetailJson;
        OverlayText = values?.OverlayText;
    }
}
