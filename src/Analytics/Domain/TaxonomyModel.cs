namespace Insights.Analytics.Domain;

/// <summary>
/// The newest training of one manual label category of a profile: the head (null when the category could not be
/// learned, with <see cref="Reason"/>), its cross-validation as JSON, and the data stamp it was trained on.
/// </summary>
public sealed class TaxonomyModel
{
    public long Id { get; set; }

    public int ProfileId { get; set; }

    public required string Category { get; set; }

    /// <summary>The labels stamp (data version and annotations) the training read.</summary>
    public required string Stamp { get; set; }

    public DateTime TrainedUtc { get; set; }

    /// <summary>The serialised <c>MultiLabelHead</c>; null when the category could not be learned.</summary>
    public byte[]? Head { get; set; }

    /// <summary>The <c>CategoryValidation</c> as JSON; null when the category could not be learned.</summary>
    public string? ValidationJson { get; set; }

    /// <summary>Why the category was not learned (too few labelled posts, every value too rare).</summary>
    public string? Reason { get; set; }
}
