namespace Insights.E2E;

/// <summary>
/// A new user's first start: the demo's media are labelled newest first, and a first classifier is trained on the
/// posts labelled so far, so Predict gives a class long before labelling has finished, and says how many posts the
/// model has seen (<see cref="FreshStartCheck"/>).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class FreshStartTests(DashboardServerFixture server)
{
    [Fact]
    public async Task APrediction_HasAClass_BeforeLabellingHasFinished()
    {
        // The shared server watched its own first start (CI's case: a clean folder), which spares CI a second server
        // labelling the whole demo beside it.
        if (server.FreshStartChecked is { } watched)
        {
            await watched;
            return;
        }
        // It started on a kept data folder (INSIGHTS_E2E_DATA): this check starts its own server on an empty one.
        var fresh = new FreshStartServerFixture();
        try
        {
            await fresh.InitializeAsync();
            await fresh.FreshStartChecked!;
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }
}
