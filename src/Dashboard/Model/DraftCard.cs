using Insights.Dashboard.Prediction;

namespace Insights.Dashboard.Model;

/// <summary>Where a draft on the Predict page is: waiting for its turn, being analysed, done, or refused.</summary>
public enum DraftCardState
{
    Waiting,
    Analysing,
    Done,
    Failed,
}

/// <summary>One draft on the Predict page: its result once made, or why it was refused; and the view settings of its card.</summary>
public sealed class DraftCard
{
    public required string FileName { get; init; }

    public DraftCardState State { get; set; }

    public string? Error { get; set; }

    public PredictionResult? Result { get; set; }

    /// <summary>Opacity of the heatmap over the draft, 0..1. Default 0.5.</summary>
    public double Opacity { get; set; } = 0.5;

    /// <summary>Show the label boxes over the draft. Default true.</summary>
    public bool Boxes { get; set; } = true;

    /// <summary>Drafts with a result first, best expected percentile first; then those still running, then refused ones.</summary>
    public static IEnumerable<DraftCard> Ranked(IEnumerable<DraftCard> cards) =>
        cards.OrderBy(c => c.State switch { DraftCardState.Done => 0, DraftCardState.Analysing or DraftCardState.Waiting => 1, _ => 2 })
            .ThenByDescending(c => c.Result?.ExpectedPercentile ?? 0);
}
