using Insights.Inference.Detection;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Runtime;

namespace Insights.Inference.Vision;

/// <summary>Faces from BlazeFace on the image stretched to 256 px, as @vladmandic/human feeds it.</summary>
internal sealed class FaceLabeler(LabelOptions options)
{
    public const string Model = ModelNames.BlazeFace;

    public static ModelInput Prepare(RgbFrame frame, ModelManifest manifest) => new(Model, ModelInputs.Stretched(frame, manifest), null);

    public FaceLabel Label(ModelOutputs outputs, ModelManifest manifest, RgbFrame frame)
    {
        var size = manifest.Preprocessing.Width;
        var faces = BlazeFaceDecoder.Decode(outputs, size, options.FaceThreshold, 0.3f, 50);
        var sx = (float)frame.Width / size;
        var sy = (float)frame.Height / manifest.Preprocessing.Height;
        var boxes = faces.Select(d => new Box(
            Math.Clamp(d.X1 * sx, 0, frame.Width), Math.Clamp(d.Y1 * sy, 0, frame.Height),
            Math.Clamp(d.X2 * sx, 0, frame.Width), Math.Clamp(d.Y2 * sy, 0, frame.Height), d.Score)).ToList();
        return new FaceLabel(boxes.Count, boxes);
    }
}
