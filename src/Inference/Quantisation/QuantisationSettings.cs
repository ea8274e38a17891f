using Insights.Inference.Models;

namespace Insights.Inference.Quantisation;

/// <summary>
/// Per model choices of the int8 pass, measured on the calibration images only (never on the gate's):
/// the calibration percentile (100 = min/max) and how many leading Convs, in graph order, stay float.
/// CenterNet: its summed person-heatmap error on the 25 calibration images was 69 with min/max and every
/// Conv int8, 35 at the 99.99th percentile, 9 at the 99.99th with its first 6 Convs (the stem and the two
/// blocks at 256x256, which every later layer's error grows from) in float. Leaving out any one other
/// Conv changed it by under a third. The nsfw classifier and BlazeFace pass their gates with min/max.
/// </summary>
internal sealed record QuantisationSettings(double Percentile, int FloatLeadingConvs)
{
    public static QuantisationSettings For(string model) => model switch
    {
        ModelNames.CenterNet => new(99.99, 6),
        _ => new(100, 0),
    };

    public string Describe() =>
        (Percentile >= 100 ? "activations uint8 asymmetric, min/max over the calibration images" : $"activations uint8 asymmetric, {Percentile}th percentile over the calibration images")
        + "; weights int8 symmetric per output channel within ±63, depthwise Convs ±127; QDQ"
        + (FloatLeadingConvs > 0 ? $"; first {FloatLeadingConvs} Convs float" : string.Empty);
}
