namespace Insights.Dashboard.Jobs;

/// <summary>What <see cref="FreshnessService"/> found and queued for one profile.</summary>
/// <param name="ProfileId">The profile.</param>
/// <param name="PendingLabels">Media files of the profile still without labels of the current version (0 when labelling is off).</param>
/// <param name="Labelling">Whether a labelling batch was queued now.</param>
/// <param name="Classifier">Whether classifier training was queued now.</param>
/// <param name="Drivers">Whether drivers training (with the content map) was queued now.</param>
public sealed record FreshnessResult(int ProfileId, int PendingLabels, bool Labelling, bool Classifier, bool Drivers);
