using System.Globalization;
using Insights.Analytics.Taxonomy;
using Insights.Dashboard.Model;
using Insights.Dashboard.Taxonomy;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Components.Pages.Taxonomy;

/// <summary>Each learned manual label category of the profile: its cross-validated F1 beside the baseline, the rule chosen, per-value figures, confusions and rare values.</summary>
public partial class Taxonomy : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private IReadOnlyList<TaxonomyCategory>? _categories;
    private bool _fresh = true;
    private bool _hasJob;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required TaxonomyStore Store { get; init; }

    [Inject] public required TaxonomyScheduler Scheduler { get; init; }

    [Inject] public required IOptions<TaxonomyOptions> Options { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        if (Filter.Profile is not { } profile)
            return;
        // The stored taxonomy shows while the relearning (queued by the freshness service when the labels change) runs.
        _hasJob = await Scheduler.TrainingAsync(profile.Id, _stop.Token);
        _categories = await Store.CategoriesAsync(profile.Id, _stop.Token);
        _fresh = !_hasJob && await Scheduler.IsFreshAsync(profile.Id, _stop.Token);
    }

    /// <summary>F1 against the baseline in one sentence, with n.</summary>
    internal static string Summary(CategoryValidation v)
    {
        var verdict = v.BeatsBaseline ? "better than" : "no better than";
        return $"Learned from {v.Posts:N0} labelled posts ({v.PostsWithSeveralValues:N0} with several values). " +
            $"Suggestions score F1 {F(v.Chosen.MicroF1)} ± {F(v.Chosen.MicroF1Sd)} over all values (micro) and {F(v.Chosen.MacroF1)} averaged per value (macro), " +
            $"{verdict} the baseline's {F(v.Baseline.MicroF1)} (micro) and {F(v.Baseline.MacroF1)} (macro), which only knows how common each value is " +
            $"(the most common is '{v.MajorityValue}'). {v.Folds}-fold cross-validation repeated {v.Repeats} time(s); F1 is 1 when every suggestion is right and none is missing.";
    }

    /// <summary>Which rule was chosen and what the other would have scored.</summary>
    internal static string RuleWords(CategoryValidation v)
    {
        var topK = v.TopK == 1 ? "the single most likely value" : $"the {v.TopK} most likely values";
        return v.Rule == SuggestionRule.TopK
            ? $"Rule: each post gets {topK} (F1 {F(v.TopKScore.MicroF1)}); a threshold per value would score {F(v.ThresholdScore.MicroF1)}."
            : $"Rule: each post gets every value likely enough by that value's own threshold, so some posts get none and some several (F1 {F(v.ThresholdScore.MicroF1)}); {topK} per post would score {F(v.TopKScore.MicroF1)}.";
    }

    /// <summary>The largest off-diagonal cells of the confusion matrix: (true value, value guessed first, posts, posts with that true value).</summary>
    internal static List<(string Truth, string Guess, int Count, int Of)> Confusions(CategoryValidation v) =>
        Enumerable.Range(0, v.Confusion.Length)
            .SelectMany(t => Enumerable.Range(0, v.Confusion[t].Length).Where(g => g != t && v.Confusion[t][g] > 0)
                .Select(g => (v.Values[t].Value, v.Values[g].Value, v.Confusion[t][g], v.Confusion[t].Sum())))
            .OrderByDescending(c => c.Item3).ThenBy(c => c.Item1, StringComparer.Ordinal).Take(5).ToList();

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
