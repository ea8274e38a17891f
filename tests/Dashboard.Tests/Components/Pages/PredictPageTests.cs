using Bunit;
using Insights.Analytics.Domain;
using Insights.Analytics.Drafts;
using Insights.Dashboard.Classification;
using Insights.Dashboard.Drivers;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Prediction;
using Microsoft.Extensions.DependencyInjection;
using PredictPage = Insights.Dashboard.Components.Pages.Predict.Predict;

namespace Insights.Dashboard.Tests.Components.Pages;

public class PredictPageTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public PredictPageTests()
    {
        AddTestServices();
        // an anonymous visitor: drafts belong to the local user
        AddAuthorization();
        Services.AddSingleton<PostLabelSource>();
        Services.AddSingleton<ClassifierStore>();
        Services.AddSingleton<DriversStore>();
        Services.AddOptions<PredictionOptions>();
        Services.AddSingleton<PredictionQueue>();
        Services.AddSingleton<PredictionService>();
    }

    [Fact]
    public async Task ProfileWithoutLabelledPosts_SaysWhyThereIsNoPredictionYet_AndListsTheUsersPastDrafts()
    {
        var filter = await SeedProfileAsync("brand", TestFiles.ThreePosts, TestFiles.Followers);
        var drafts = Services.GetRequiredService<DraftStore>();
        await drafts.AddAsync(new Draft { UserId = CurrentUser.Local, ProfileId = filter.Profile!.Id, FileName = "summer.jpg", Sha256 = new string('a', 64), StoragePath = "drafts/aa/a.jpg", ContentType = "image/jpeg", ModelStamp = "s", ResultJson = "{}", Score = 62 });
        await drafts.AddAsync(new Draft { UserId = "someone-else", ProfileId = filter.Profile.Id, FileName = "theirs.jpg", Sha256 = new string('b', 64), StoragePath = "drafts/bb/b.jpg", ContentType = "image/jpeg", ModelStamp = "s", ResultJson = "{}", Score = 40 });

        var cut = Render<PredictPage>(p => p.AddCascadingValue(filter));
        cut.WaitForAssertion(() => cut.Find("[data-testid=model-not-ready]"), Patience);

        Assert.Contains("the classifier needs at least", cut.Find("[data-testid=model-not-ready]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=predict-upload]"));
        var past = cut.Find("[data-testid=past-drafts]").TextContent;
        Assert.Contains("summer.jpg", past);
        Assert.Contains("62nd", past);
        Assert.DoesNotContain("theirs.jpg", past);
    }
}
