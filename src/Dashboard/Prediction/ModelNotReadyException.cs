namespace Insights.Dashboard.Prediction;

/// <summary>The profile has no trained classifier yet (training is queued or running, or there are no labels to train on).</summary>
public sealed class ModelNotReadyException(string message, bool training) : Exception(message)
{
    /// <summary>True when a training is under way (try again later); false when it cannot start yet (no labelled posts).</summary>
    public bool Training { get; } = training;
}
