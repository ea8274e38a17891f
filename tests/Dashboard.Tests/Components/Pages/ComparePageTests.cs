using Bunit;
using Insights.Analytics.Profiles;
using Insights.Analytics.Vocabulary;
using Insights.Dashboard.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ComparePage = Insights.Dashboard.Components.Pages.Compare.Compare;

namespace Insights.Dashboard.Tests.Components.Pages;

public class ComparePageTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // A TikTok Studio export: no post id column (the id is in the link), no impressions.
    private const string TikTokPosts =
        "Video link,Post time,Total views,Total likes,Total comments,Total shares,Add to Favorites\n" +
        "https://www.tiktok.com/@brand/video/101,2024-03-05 12:00:00,9000,400,20,5,2\n" +
        "https://www.tiktok.com/@brand/video/102,2024-03-07 12:00:00,12000,600,30,9,4\n" +
        "https://www.tiktok.com/@brand/video/103,2024-03-09 12:00:00,3000,100,5,1,0\n";

    public ComparePageTests() => AddTestServices();

    private async Task<DashboardFilter> SeedTwoAsync()
    {
        await SeedProfileAsync("brand", TestFiles.ThreePosts, TestFiles.Followers);
        var filter = await SeedProfileAsync("tok", TikTokPosts, "Date,Followers\n2024-03-01,20000\n2024-03-31,25000\n");
        return filter with { Profiles = await Services.GetRequiredService<ProfileCatalog>().ListAsync() };
    }

    [Fact]
    public async Task TwoProfiles_SideBySide_WithNEverywhere_AndEachPlatformsDefinitions()
    {
        var filter = await SeedTwoAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/compare?profiles=brand,tok");

        var cut = Render<ComparePage>(p => p.AddCascadingValue(filter));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=compare-row]").Count), Patience);

        var rows = cut.FindAll("[data-testid=compare-row]").ToDictionary(r => r.GetAttribute("data-profile")!, r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList());
        Assert.Equal(["brand", "Instagram", "3"], rows["brand"].Take(3));
        Assert.Equal(["tok", "TikTok", "3"], rows["tok"].Take(3));
        Assert.Equal("0% · 0% · 100%", rows["tok"][3]);
        Assert.EndsWith("n = 3", rows["brand"][5]);
        Assert.EndsWith("n = 2", rows["brand"][6]);
        Assert.Equal("– (n = 0)", rows["tok"][6]);
        // Followers 20,000 on 1 March to 25,000 on 31 March: 20,500 on 4 March, 21,667 on 11 March.
        Assert.Equal("+5.7% (20,500 → 21,667)", rows["tok"][7]);
        // One range for both: 4 March (brand's first post) to 11 March (its last).
        Assert.Contains("4 Mar 2024 – 11 Mar 2024", cut.Find("[data-testid=compare-range]").TextContent);
        Assert.Contains("n = 3", cut.Find("[data-testid=compare-por-chart]").OuterHtml);
        var definitions = cut.Find("[data-testid=compare-definitions]").TextContent;
        Assert.Contains("(Total likes + Total comments) ÷ followers at publish time", definitions);
        Assert.Contains("not available: TikTok exports have no impressions", definitions);
        Assert.Contains("(Likes + Comments + Shares + Saves) ÷ Views", definitions);
        Assert.Contains("profiles=brand%2Ctok", cut.Find("[data-testid=compare-csv]").GetAttribute("href"));
    }

    [Fact]
    public async Task Labels_AreNamedByTheVocabulary_AndAHeadlineSaysItInWords()
    {
        var filter = await SeedTwoAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/compare?profiles=brand,tok");

        var cut = Render<ComparePage>(p => p.AddCascadingValue(filter));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=compare-label-row]")), Patience);

        foreach (var row in cut.FindAll("[data-testid=compare-label-row]"))
        {
            var (category, value) = (row.GetAttribute("data-label")!.Split('=')[0], row.GetAttribute("data-label")!.Split('=')[1]);
            var shown = row.QuerySelector("td")!.TextContent.Trim();
            Assert.Equal($"{Terms.Name(category)}: {Terms.Value(category, value)}", shown);
            Assert.NotEqual($"{category}: {value}", shown);
        }
        Assert.Matches(@"^brand's typical post did [\d.]+× tok's \(median Popularity Rate, n = 3 and 3\)\.", cut.Find("[data-testid=compare-headline]").TextContent.Trim());
    }

    [Fact]
    public async Task TheMetricInTheUrl_ChoosesTheRateChart()
    {
        var filter = await SeedTwoAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/compare?profiles=brand,tok&metric=er");

        var cut = Render<ComparePage>(p => p.AddCascadingValue(filter));
        cut.WaitForAssertion(() => cut.Find("[data-testid=compare-er-chart]"), Patience);

        Assert.Empty(cut.FindAll("[data-testid=compare-por-chart]"));
        var chart = cut.Find("[data-testid=compare-er-chart]").OuterHtml;
        Assert.Contains("n = 2", chart);
        Assert.Contains("no posts with this rate (n = 0)", chart);
    }

    [Fact]
    public async Task NoProfilesChosen_SaysWhatToDo()
    {
        var filter = await SeedTwoAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/compare");

        var cut = Render<ComparePage>(p => p.AddCascadingValue(filter));

        cut.WaitForAssertion(() => Assert.Contains("Choose two or more profiles", cut.Find("[data-testid=compare-empty]").TextContent), Patience);
    }

    [Fact]
    public async Task AnUnknownProfile_IsNamedAndLeftOut()
    {
        var filter = await SeedTwoAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/compare?profiles=brand,nosuch");

        var cut = Render<ComparePage>(p => p.AddCascadingValue(filter));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=compare-row]")), Patience);
        Assert.Contains("There is no profile 'nosuch' you can see", cut.Markup);
    }
}
