namespace Insights.Analytics.Engagement;

/// <summary>Output schema: the predicted log of the target rate.</summary>
public sealed class EngagementPrediction
{
    public float Score { get; set; }
}
