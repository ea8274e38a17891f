using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;
using Insights.Dashboard.Drivers;
using Insights.Dashboard.Labels;
using Insights.Inference.Vision;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Prediction;

/// <summary>
/// What the profile's history says about a draft's labels: the by-label figures of the labels it has, and what the
/// drivers model says of its picture features (brightness, text area, faces...), each with a note when there is nothing to say.
/// </summary>
internal sealed class DraftHints(PostLabelSource labels, DriversStore drivers, EngagementService engagement, IMemoryCache cache, IOptions<PredictionOptions> options)
{
    public async Task<(IReadOnlyList<DriverHint> Hints, string? Note)> LabelHintsAsync(int profileId, LabelSet draft, MediaGroup group, CancellationToken cancellationToken)
    {
        var automatic = await labels.AutomaticLabelsAsync(profileId, cancellationToken);
        if (automatic.Count == 0)
            return ([], "No past post has automatic labels yet, so there is nothing to compare this draft's labels with.");
        var stamp = await labels.StampAsync(profileId, cancellationToken);
        var breakdown = await cache.GetOrCreateAsync((nameof(PredictionService), profileId, stamp), async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            // A breakdown is a few label categories with their statistics: small, but charged against the budget.
            entry.Size = 64 * 1024;
            return await engagement.GetBreakdownAsync(profileId, automatic, cancellationToken: cancellationToken);
        });
        // The profile's custom labels apply to a draft as to its posts, so their figures become hints too.
        var categories = new Dictionary<string, string>(PostLabelSource.ToAutomaticLabels(draft).Categories, StringComparer.Ordinal);
        foreach (var (category, value) in await labels.CustomLabelsOfAsync(profileId, draft.EmbeddingNormalized, cancellationToken))
            categories[category] = value;
        var hints = DriverHints.For(breakdown!, categories, group, engagement.Options.IntervalLevel, options.Value.MaxHints);
        return (hints, hints.Count == 0 ? "None of this draft's labels has figures on this profile yet." : null);
    }

    public (IReadOnlyList<FeatureHint> Hints, string? Note) FeatureHintsOf(int profileId, LabelSet draft)
    {
        if (drivers.GetFigures(profileId) is not { } figures)
            return ([], "The drivers model of this profile is not trained yet; what it says of brightness, text area and faces appears here once it is.");
        var hints = FeatureAdvice.For(figures, PostLabelSource.ToAutomaticLabels(draft).Numbers, options.Value.MaxHints);
        var metrics = figures.Metrics;
        return (hints, hints.Count == 0
            ? "The drivers model finds no measurable picture feature (brightness, text area, faces...) that matters on this profile."
            : $"From the drivers model (it explains {DriversView.Percent(metrics.CrossValidatedR2)} of the variation on posts it did not see, n = {metrics.Posts:N0}): associations in this profile's history, not proof of cause.");
    }
}
