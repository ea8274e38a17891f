namespace Insights.Analytics.Annotations;

/// <summary>
/// The automatic labels of one media file as stored: the values the analytics use as plain columns, the unit-length
/// embedding as a float32 blob, and the rest (boxes, object list, class probabilities, model versions) as compact
/// JSON without embeddings. The Dashboard maps the vision library's label set to and from this; Analytics never
/// parses the detail.
/// </summary>
/// <param name="PeopleClass">no_person, one_person, two_persons or three_or_more.</param>
/// <param name="Objects">The COCO classes present, space-separated, best score first.</param>
/// <param name="Embedding">The unit-length embedding (1280 floats for MobileNetV2).</param>
/// <param name="DetailJson">Everything else a page may show (boxes for the Library), without embeddings.</param>
/// <param name="OverlayText">The text read in the image (lines separated by newlines); null when none was read.</param>
public sealed record LabelValues(
    int PeopleCount,
    string PeopleClass,
    int Faces,
    bool TextPresent,
    float TextArea,
    bool IsDrawing,
    float DrawingScore,
    bool IsNsfw,
    float NsfwScore,
    bool HasAnimal,
    string Objects,
    float Brightness,
    float Contrast,
    float Colourfulness,
    float Sharpness,
    float? DominantHue,
    float AspectRatio,
    float[] Embedding,
    string DetailJson,
    string? OverlayText = null);
