namespace Insights.Dashboard.Configuration;

/// <summary>Background labelling of every media asset. Section "Annotation".</summary>
public sealed class AnnotationOptions
{
    public const string Section = "Annotation";

    /// <summary>Label new and not yet labelled media in the background (after imports and at start). Default true.</summary>
    public bool Enabled { get; set; } = true;
}
