namespace Insights.E2E;

/// <summary>
/// The real app started on an empty data folder, never the one INSIGHTS_E2E_DATA keeps: the demo is imported and
/// labelled from scratch, as on a new user's first `dotnet run`.
/// </summary>
public sealed class FreshStartServerFixture : DashboardServerFixture
{
    protected override bool KeepsData => false;
}
