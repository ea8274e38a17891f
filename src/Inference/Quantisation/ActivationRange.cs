namespace Insights.Inference.Quantisation;

/// <summary>The calibrated range of one activation tensor (min and max seen over the calibration images).</summary>
internal readonly record struct ActivationRange(float Min, float Max)
{
    public ActivationRange Including(ReadOnlySpan<float> values)
    {
        float min = Min, max = Max;
        foreach (var v in values)
        {
            if (v < min)
                min = v;
            if (v > max)
                max = v;
        }

        return new ActivationRange(min, max);
    }

    /// <summary>uint8 asymmetric scale and zero point; the range always includes 0 so that 0 (padding, ReLU) is exact.</summary>
    public (float Scale, byte ZeroPoint) ToUInt8()
    {
        var min = Math.Min(Min, 0f);
        var max = Math.Max(Max, 0f);
        if (max - min < 1e-8f)
            return (1f, 0);
        var scale = (max - min) / 255f;
        return (scale, (byte)Math.Clamp(MathF.Round(-min / scale), 0, 255));
    }
}
