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
    public async Task ProfileWithoutLabelledPosts_TakesDraftsAtOnce_SaysWhenTheClassComes_AndListsTheUsersPastDrafts()
    {
        var filter = await SeedProfileAsync("brand", TestFiles.ThreePosts, TestFiles.Followers);
        var drafts = Services.GetRequiredService<DraftStore>();
        await drafts.AddAsync(new Draft { UserId = CurrentUser.Local, ProfileId = filter.Profile!.Id, FileName = "summer.jpg", Sha256 = new string('a', 64), StoragePath = "drafts/aa/a.jpg", ContentType = "image/jpeg", ModelStamp = "s", ResultJson = "{}", Score = 62 });
        await drafts.AddAsync(new Draft { UserId = CurrentUser.Local, ProfileId = filter.Profile.Id, FileName = "early.jpg", Sha256 = new string('c', 64), StoragePath = "drafts/cc/c.jpg", ContentType = "image/jpeg", ModelStamp = "", ResultJson = "{}", Score = 0 });
        await drafts.AddAsync(new Draft { UserId = "someone-else", ProfileId = filter.Profile.Id, FileName = "theirs.jpg", Sha256 = new string('b', 64), StoragePath = "drafts/bb/b.jpg", ContentType = "image/jpeg", ModelStamp = "s", ResultJson = "{}", Score = 40 });

        var cut = Render<PredictPage>(p => p.AddCascadingValue(filter));
        cut.WaitForAssertion(() => cut.Find("[data-testid=model-not-ready]"), Patience);

        var note = cut.Find("[data-testid=model-not-ready]").TextContent;
        Assert.Contains("The popularity class appears here as soon as the first model is trained (after about 50 labelled posts)", note);
        Assert.Contains("the classifier needs at least", note);
        Assert.Single(cut.FindAll("[data-testid=predict-upload] input[type=file]"));
        var rows = cut.FindAll("[data-testid=past-drafts] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("summer.jpg") && r.Contains("62nd"));
        Assert.Contains(rows, r => r.Contains("early.jpg") && r.Contains("no class yet"));
        Assert.DoesNotContain(rows, r => r.Contains("theirs.jpg"));
    }
}
