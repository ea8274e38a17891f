using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Runtime;
using Insights.Inference.Vision;

namespace Insights.Inference.Quantisation;

/// <summary>
/// Decides whether a model may be served as int8: on the validation images, the label the model
/// feeds (people class for CenterNet, drawing for the nsfw classifier, face count within one for
/// BlazeFace) must agree with the float model's on all but at most 1 point (1%) of the images.
/// Labels use the default thresholds of <see cref="LabelOptions"/>.
/// </summary>
internal static class Int8Gate
{
    public const double MaxDisagreement = 0.01;

    public static Int8GateResult Evaluate(ModelSession floatModel, ModelSession int8Model, IEnumerable<RgbFrame> frames)
    {
        var name = floatModel.Manifest.Name;
        var (label, agrees) = LabelOf(name);
        int agreeing = 0, count = 0;
        foreach (var frame in frames)
        {
            count++;
            var input = ModelInputs.Stretched(frame, floatModel.Manifest);
            if (agrees(floatModel.Run(input), int8Model.Run(input), floatModel.Manifest, frame))
                agreeing++;
        }

        var agreement = count == 0 ? 0 : (double)agreeing / count;
        var passed = count > 0 && 1 - agreement <= MaxDisagreement + 1e-9;
        var reason = count == 0
            ? "no validation images"
            : $"{label}: int8 agrees with float on {agreeing}/{count} validation images ({agreement:P1}); {(passed ? "within" : "outside")} the 1-point limit";
        return new Int8GateResult(passed, label, agreeing, count, agreement, reason);
    }

    private delegate bool Agreement(ModelOutputs floatOutputs, ModelOutputs int8Outputs, ModelManifest manifest, RgbFrame frame);

    private static (string Label, Agreement Agrees) LabelOf(string model)
    {
        var options = new LabelOptions();
        return model switch
        {
            ModelNames.CenterNet => ("people class", (f, q, m, frame) =>
            {
                var labeler = new PeopleAndObjectsLabeler(options);
                return labeler.Label(f, m, frame).People.Class == labeler.Label(q, m, frame).People.Class;
            }),
            ModelNames.Nsfw => ("drawing vs photo", (f, q, m, _) =>
            {
                var labeler = new StyleLabeler(options);
                return labeler.Label(f, m).Style.IsDrawing == labeler.Label(q, m).Style.IsDrawing;
            }),
            ModelNames.BlazeFace => ("face count within one", (f, q, m, frame) =>
            {
                var labeler = new FaceLabeler(options);
                return Math.Abs(labeler.Label(f, m, frame).Count - labeler.Label(q, m, frame).Count) <= 1;
            }),
            _ => throw new NotSupportedException($"model '{model}' has no int8 gate"),
        };
    }
}

/// <summary>The gate's verdict, recorded in the int8 model's manifest.</summary>
public sealed record Int8GateResult(bool Passed, string Label, int Agreeing, int Images, double Agreement, string Reason);
