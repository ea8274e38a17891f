using Bunit;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Model;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using ImportPage = Insights.Dashboard.Components.Pages.Import.Import;

namespace Insights.Dashboard.Tests.Components.Pages;

public class ImportPageTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public ImportPageTests() => AddTestServices();

    [Fact]
    public async Task ChosenFiles_ArePreviewed_ThenImportedInTheBackground_WithTheirCounts()
    {
        var runner = await StartJobRunnerAsync();
        var cut = Render<ImportPage>(p => p.AddCascadingValue(DashboardFilter.Empty));

        cut.Find("input[data-testid=import-profile]").Change("uploaded");
        cut.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText(TestFiles.Labels, "labels.csv"),
            InputFileContent.CreateFromText(TestFiles.ThreePosts, "posts.csv"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=import-preview]").Count), Patience);

        var previews = cut.FindAll("[data-testid=import-preview]").Select(p => p.TextContent).ToList();
        Assert.Contains("labels.csv", previews[0]);
        Assert.Contains("read as labels", previews[0]);
        Assert.Contains("read as posts", previews[1]);
        Assert.Contains("→ post_id", previews[1]);
        Assert.Contains("→ duration_sec", previews[1]);

        cut.Find("[data-testid=import-start]").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=import-report]").Count), Patience);

        var reports = cut.FindAll("[data-testid=import-report]").Select(r => r.TextContent).ToList();
        Assert.Contains("posts.csv (posts): 3 read, 3 inserted, 0 updated.", reports[0]);
        Assert.Contains("labels.csv (labels): 3 read, 3 inserted, 0 updated.", reports[1]);
        Assert.Contains("done", cut.Find("[data-testid=import-job]").TextContent);
        var profile = (await Services.GetRequiredService<ProfileCatalog>().ListAsync()).Single(p => p.Name == "uploaded");
        Assert.Equal(3, profile.PostCount);
        await runner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task BadFile_ShowsEveryErrorWithLineAndColumn_AndImportsNothing()
    {
        var runner = await StartJobRunnerAsync();
        var cut = Render<ImportPage>(p => p.AddCascadingValue(DashboardFilter.Empty));
        cut.Find("input[data-testid=import-profile]").Change("careful");
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            TestFiles.PostsHeader + "\nE1,someday,Photo,x,10,1,,,,\nE2,2024-03-04T10:00:00Z,Photo,x,10,-1,,,,\n", "posts.csv"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=import-start]"), Patience);

        cut.Find("[data-testid=import-start]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=import-errors]"), Patience);

        var rows = cut.FindAll("[data-testid=import-errors] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["posts.csv", "2", "Publish time"], rows[0][..3]);
        Assert.Equal(["posts.csv", "3", "Comments"], rows[1][..3]);
        Assert.Contains("not imported, nothing was written. 2 error(s)", cut.Find("[data-testid=import-report]").TextContent);
        // A new profile whose every file was refused is not left behind empty.
        Assert.DoesNotContain(await Services.GetRequiredService<ProfileCatalog>().ListAsync(), p => p.Name == "careful");
        await runner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ANameOfDigitsOnly_IsRefusedWithTheReason_AndCreatesNoProfile()
    {
        var runner = await StartJobRunnerAsync();
        var cut = Render<ImportPage>(p => p.AddCascadingValue(DashboardFilter.Empty));
        cut.Find("input[data-testid=import-profile]").Change("15");
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(TestFiles.ThreePosts, "posts.csv"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=import-start]"), Patience);

        cut.Find("[data-testid=import-start]").Click();

        cut.WaitForAssertion(() => Assert.Contains("digits only", cut.Find("[data-testid=import-upload-error]").TextContent), Patience);
        Assert.Empty(await Services.GetRequiredService<ProfileCatalog>().ListAsync());
        await runner.StopAsync(CancellationToken.None);
    }
}
