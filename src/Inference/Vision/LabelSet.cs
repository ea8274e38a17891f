using System.Text.Json.Serialization;

namespace Insights.Inference.Vision;

/// <summary>
/// Every automatic label of one image, one video frame, or one whole video (aggregated). Plain data,
/// serialisable with System.Text.Json, so the Dashboard can store it with the model versions that made it.
/// Boxes are in the original image's pixels (upright, after EXIF orientation).
/// </summary>
public sealed record LabelSet
{
    /// <summary>Image or Video.</summary>
    public required MediaKind Kind { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    /// <summary>Frames the video labels were aggregated from; 1 for an image.</summary>
    public int Frames { get; init; } = 1;
    public required PeopleLabel People { get; init; }
    public required FaceLabel Faces { get; init; }
    /// <summary>COCO classes present (people included), best score first; for a video, those present in enough frames.</summary>
    public required IReadOnlyList<ObjectLabel> Objects { get; init; }
    public required TextOverlayLabel Text { get; init; }
    public required StyleLabel Style { get; init; }
    public required VisualStats Stats { get; init; }
    /// <summary>1280-d global-average-pooled MobileNetV2 features (video: element-wise max over frames).</summary>
    public required float[] Embedding { get; init; }
    /// <summary><see cref="Embedding"/> scaled to unit length, for cosine similarity.</summary>
    public required float[] EmbeddingNormalized { get; init; }
    /// <summary>The last conv feature map [1280, 7, 7] (CHW, after ReLU6) for class activation maps; null for videos or when turned off.</summary>
    public FeatureMap? FeatureMap { get; init; }
    /// <summary>The model versions that produced these labels, by model name ("package@version/converter N").</summary>
    public required IReadOnlyDictionary<string, string> Models { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<MediaKind>))]
public enum MediaKind
{
    Image,
    Video,
}

[JsonConverter(typeof(JsonStringEnumConverter<PeopleClass>))]
public enum PeopleClass
{
    NoPerson,
    OnePerson,
    TwoPersons,
    ThreeOrMore,
}

/// <summary>People count, its class, and the person boxes.</summary>
public sealed record PeopleLabel(int Count, PeopleClass Class, IReadOnlyList<Box> Boxes)
{
    public static PeopleClass ClassOf(int count) => count switch
    {
        <= 0 => PeopleClass.NoPerson,
        1 => PeopleClass.OnePerson,
        2 => PeopleClass.TwoPersons,
        _ => PeopleClass.ThreeOrMore,
    };

    /// <summary>The class names of DESIGN.md: no_person, one_person, two_persons, three_or_more.</summary>
    public static string Name(PeopleClass c) => c switch
    {
        PeopleClass.NoPerson => "no_person",
        PeopleClass.OnePerson => "one_person",
        PeopleClass.TwoPersons => "two_persons",
        _ => "three_or_more",
    };
}

/// <summary>Faces found by BlazeFace.</summary>
public sealed record FaceLabel(int Count, IReadOnlyList<Box> Boxes);

/// <summary>A COCO class present: its best score, how many instances, their boxes; <see cref="IsAnimal"/> for the ten COCO animals.</summary>
public sealed record ObjectLabel(string Name, float Score, int Count, bool IsAnimal, IReadOnlyList<Box> Boxes);

/// <summary>
/// Overlaid text from PaddleOCR detection: present when the boxes cover at least the configured share of the image.
/// <see cref="Content"/> is what PaddleOCR recognition read in the boxes (lines separated by newlines; empty when none).
/// </summary>
public sealed record TextOverlayLabel(bool Present, float AreaRatio, IReadOnlyList<Box> Boxes, string Content = "");

/// <summary>The 5-class classifier's view: drawing vs photo and nsfw, with all five probabilities.</summary>
public sealed record StyleLabel(bool IsDrawing, float DrawingScore, bool IsNsfw, float NsfwScore, IReadOnlyDictionary<string, float> Probabilities);

/// <summary>A box in original image pixels with the detector's score.</summary>
public sealed record Box(float X1, float Y1, float X2, float Y2, float Score);

/// <summary>A float tensor with its shape and layout.</summary>
public sealed record FeatureMap(int[] Shape, string Layout, float[] Values);
