using Bunit;
using Insights.Analytics.CustomLabels;
using Insights.Dashboard.Labels;
using Microsoft.Extensions.DependencyInjection;
using CustomLabelsPage = Insights.Dashboard.Components.Pages.CustomLabels.CustomLabels;

namespace Insights.Dashboard.Tests.Components.Pages;

public class CustomLabelsPageTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public CustomLabelsPageTests()
    {
        AddTestServices();
        Services.AddSingleton<Insights.Dashboard.Prediction.PredictionQueue>();
        Services.AddSingleton<CustomLabelService>();
    }

    [Fact]
    public async Task NoLabels_SaysSo_AndABadName_IsExplainedWithoutLabellingAnything()
    {
        var filter = await SeedProfileAsync("plain", TestFiles.ThreePosts);

        var cut = Render<CustomLabelsPage>(p => p.AddCascadingValue(filter));
        cut.WaitForAssertion(() => cut.Find("[data-testid=custom-labels-empty]"), Patience);
        cut.Find("[data-testid=custom-label-form] input:not([type=file])").Change("Sun Set");
        cut.Find("[data-testid=custom-label-create]").Click();

        cut.WaitForAssertion(() => Assert.Contains("is not a label name", cut.Find("[data-testid=custom-label-error]").TextContent), Patience);
    }

    [Fact]
    public async Task DefinedLabels_AreListedWithTheirFit_AndALinkToTheirFigures()
    {
        var filter = await SeedProfileAsync("branded", TestFiles.ThreePosts);
        var fit = CustomLabelFitter.Fit([[1, 0, 0], [0.8f, 0.6f, 0]], [[0, 0, 1]]);
        await Services.GetRequiredService<CustomLabelStore>().AddAsync(filter.Profile!.Id, "sunset", fit, 2, 1, "tests");

        var cut = Render<CustomLabelsPage>(p => p.AddCascadingValue(filter));
        cut.WaitForAssertion(() => cut.Find("[data-testid=custom-labels-table]"), Patience);

        var row = cut.Find("[data-testid=custom-labels-table] tbody tr").TextContent;
        Assert.Contains("custom_sunset", row);
        Assert.Contains("2 · 1 counter", row);
        Assert.Contains("100% of examples pass, 100% of counter-examples stay out", row);
        Assert.Contains("category=custom_sunset", cut.Find("[data-testid=custom-labels-table] a").GetAttribute("href"));
    }
}
