namespace Insights.Inference.Models;

/// <summary>Names of the models the store supplies; pass them to <see cref="Runtime.ModelSessions.GetAsync"/>.</summary>
public static class ModelNames
{
    /// <summary>nsfwjs MobileNetV2 (224 px): 5-class softmax, 1280-d embedding, 7x7x1280 feature map.</summary>
    public const string Nsfw = "nsfw-mobilenet-v2";

    /// <summary>CenterNet COCO detector (512 px, MobileNetV3): raw heatmap and box heads.</summary>
    public const string CenterNet = "centernet";

    /// <summary>BlazeFace short-range face detector (256 px): raw anchor scores and box regressions.</summary>
    public const string BlazeFace = "blazeface";

    /// <summary>PaddleOCR v4 text detection (already ONNX): a text probability map.</summary>
    public const string TextDetector = "paddleocr-det";

    /// <summary>PaddleOCR v4 text recognition (already ONNX): per-step CTC probabilities over its character dictionary.</summary>
    public const string TextRecognizer = "paddleocr-rec";
}
