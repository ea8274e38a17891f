namespace Insights.Inference;

/// <summary>Which form of each vision model is served (Inference:Precision).</summary>
public enum ModelPrecision
{
    /// <summary>Int8 where its accuracy gate passed, float elsewhere.</summary>
    Auto,

    /// <summary>Int8 wherever an int8 form can be built, whatever its gate said.</summary>
    Int8,

    /// <summary>The float models as converted (the default).</summary>
    Float,
}
