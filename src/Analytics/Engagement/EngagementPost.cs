using Insights.Analytics.Domain;

namespace Insights.Analytics.Engagement;

/// <summary>
/// Automatic labels of one post as plain data (produced elsewhere, e.g. by the Inference library, and
/// handed over by the composition root): categorical labels (people = one_person, text_overlay = 1...),
/// numeric ones (brightness, faces...) and optionally the embedding, which the drivers model does not use.
/// </summary>
public sealed record AutomaticLabels(
    IReadOnlyDictionary<string, string> Categories,
    IReadOnlyDictionary<string, double> Numbers,
    float[]? Embedding = null);

/// <summary>
/// One post as the engagement analytics see it: what it is, and its rates. <see cref="PublishedLocal"/> is the
/// publish time on the clock of the profile's time zone (<see cref="Profiles.ProfileZoneResolver"/>): the hour,
/// time of day and weekday labels read it. Without it they read the UTC time.
/// </summary>
public sealed record EngagementPost(
    long PostId,
    DateTime PublishedUtc,
    MediaType MediaType,
    double? DurationSeconds,
    CaptionFeatures Caption,
    IReadOnlyDictionary<string, string> ManualLabels,
    AutomaticLabels? Automatic,
    double? PopularityRate,
    double? EngagementRate,
    DateTime? PublishedLocal = null)
{
    /// <summary>The publish time hours and weekdays are read from: <see cref="PublishedLocal"/>, else the UTC time.</summary>
    public DateTime PublishedClock => PublishedLocal ?? PublishedUtc;
}
