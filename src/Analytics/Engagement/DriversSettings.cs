namespace Insights.Analytics.Engagement;

/// <summary>The settings a model was trained with that its later use needs.</summary>
public sealed record DriversSettings(int Seed, int PdpGridPoints, int IceCurves)
{
    public static DriversSettings From(EngagementOptions options) => new(options.Seed, options.PdpGridPoints, options.IceCurves);
}
