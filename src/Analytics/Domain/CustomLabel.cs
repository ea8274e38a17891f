namespace Insights.Analytics.Domain;

/// <summary>
/// A label a user defined by example images: posts whose score (cosine similarity to <see cref="Prototype"/>, less that
/// to <see cref="CounterPrototype"/>) is at least <see cref="Threshold"/> have it. Shown as the category <c>custom_{Name}</c> wherever labels are.
/// </summary>
public sealed class CustomLabel
{
    public long Id { get; set; }

    public int ProfileId { get; set; }

    /// <summary>Lower-case letters, digits and underscores, unique per profile.</summary>
    public required string Name { get; set; }

    /// <summary>Unit-length mean of the examples' embeddings, as little-endian float32.</summary>
    public required byte[] Prototype { get; set; }

    /// <summary>Unit-length mean of the counter-examples' embeddings; null without counter-examples.</summary>
    public byte[]? CounterPrototype { get; set; }

    public double Threshold { get; set; }

    public int Examples { get; set; }

    public int CounterExamples { get; set; }

    /// <summary>Share of the examples (each left out of the prototype in turn) at or above the threshold.</summary>
    public double ExampleRecall { get; set; }

    /// <summary>Share of the counter-examples below the threshold; null without counter-examples.</summary>
    public double? CounterRejection { get; set; }

    public DateTime CreatedUtc { get; set; }

    public required string CreatedBy { get; set; }
}
