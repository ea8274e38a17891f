namespace Insights.Analytics.Compare;

/// <summary>Several profiles over one date range, side by side.</summary>
/// <param name="Unknown">Names asked for that are no visible profile.</param>
/// <param name="LabelTargets">Per profile, the rate its label lifts are computed on (lifts are ratios, so they compare across rates).</param>
public sealed record CompareModel(
    DateOnly Start,
    DateOnly End,
    IReadOnlyList<ComparedProfile> Profiles,
    IReadOnlyList<string> LabelTargets,
    IReadOnlyList<LabelLiftRow> Labels,
    IReadOnlyList<string> Unknown)
{
    public static readonly CompareModel Empty = new(default, default, [], [], [], []);
}
