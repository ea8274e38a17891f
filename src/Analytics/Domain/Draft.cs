namespace Insights.Analytics.Domain;

/// <summary>
/// A draft a user uploaded to see how it would do on a profile: the file (kept by content hash in the
/// file store) and the prediction made for it, as JSON stamped with the model that made it.
/// </summary>
public sealed class Draft
{
    public long Id { get; set; }

    /// <summary>The user's id (the NameIdentifier claim; "local" without accounts).</summary>
    public required string UserId { get; set; }

    public int ProfileId { get; set; }

    /// <summary>The name the file was uploaded with.</summary>
    public required string FileName { get; set; }

    public required string Sha256 { get; set; }

    /// <summary>Where the file is kept, inside the file store.</summary>
    public required string StoragePath { get; set; }

    public required string ContentType { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>
    /// Names the classifier and label versions that made <see cref="ResultJson"/>; empty while the profile had no
    /// classifier (the result has labels and similar posts but no class yet, and <see cref="Score"/> means nothing).
    /// </summary>
    public required string ModelStamp { get; set; }

    /// <summary>The prediction as the API returns it.</summary>
    public required string ResultJson { get; set; }

    /// <summary>The predicted score drafts are ranked by (expected percentile, 0..100).</summary>
    public double Score { get; set; }
}
