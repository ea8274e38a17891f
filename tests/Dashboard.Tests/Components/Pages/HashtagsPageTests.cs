using System.Globalization;
using System.Text;
using Bunit;
using Insights.Dashboard.Components.Controls;
using Insights.Dashboard.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using HashtagsPage = Insights.Dashboard.Components.Pages.Hashtags.Hashtags;

namespace Insights.Dashboard.Tests.Components.Pages;

public class HashtagsPageTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public HashtagsPageTests() => AddTestServices();

    // 60 daily posts at 10,000 followers: #win on 15 of them with five times the likes, #meh on 15 with a third,
    // #summer on 12 of the #win posts and 6 others; the rest carry only #daily (on every post, so never a label).
    private static string PlantedPosts()
    {
        var csv = new StringBuilder(TestFiles.PostsHeader).Append('\n');
        for (var i = 0; i < 60; i++)
        {
            var tags = new List<string> { "#daily" };
            var likes = 100 + i % 7;
            if (i % 4 == 0)
            {
                tags.Add("#win");
                likes *= 5;
                if (i < 48)
                    tags.Add("#summer");
            }
            else if (i % 4 == 1)
            {
                tags.Add("#meh");
                likes /= 3;
            }
            else if (i % 4 == 2 && i < 24)
            {
                tags.Add("#summer");
            }
            csv.Append(CultureInfo.InvariantCulture, $"H{i},{new DateTime(2024, 1, 1, 12, 0, 0).AddDays(i):yyyy-MM-ddTHH:mm:ssZ},Photo,A post {string.Join(' ', tags)},{likes},{5 + i % 3},,,,\n");
        }
        return csv.ToString();
    }

    private async Task<IRenderedComponent<HashtagsPage>> RenderAsync(string url)
    {
        var filter = await SeedProfileAsync("brand", PlantedPosts(), "Date,Followers\n2023-12-01,10000\n2024-04-01,10000\n");
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<HashtagsPage>(p => p.AddCascadingValue(filter));
    }

    [Fact]
    public async Task PlantedTags_LeadTheTopAndBottomLists_WithNAndAnInterval()
    {
        var cut = await RenderAsync("/hashtags");
        cut.WaitForAssertion(() => cut.Find("[data-testid=hashtags-top]"), Patience);

        var top = cut.Find("[data-testid=hashtags-top] [data-testid=hashtags-row]");
        Assert.Equal("#win", top.GetAttribute("data-tag"));
        var cells = top.QuerySelectorAll("td");
        Assert.Equal("15", cells[1].TextContent.Trim());
        Assert.Contains("helps", cells[2].ClassName);
        Assert.Matches(@"^× \d\.\d\d \(\d\.\d\d – \d\.\d\d\)$", cells[2].TextContent.Trim());

        var bottom = cut.Find("[data-testid=hashtags-bottom] [data-testid=hashtags-row]");
        Assert.Equal("#meh", bottom.GetAttribute("data-tag"));
        Assert.Contains("hurts", bottom.QuerySelectorAll("td")[2].ClassName);

        // #daily is on every post: nothing to compare it with, so it is no label.
        Assert.DoesNotContain(cut.FindAll("[data-testid=hashtags-row]"), r => r.GetAttribute("data-tag") == "#daily");
        Assert.Contains("3 hashtags and mentions are on 10 posts or more", cut.Find("[data-testid=hashtags-count]").TextContent);
        Assert.Contains("60 posts", cut.Find("[data-testid=hashtags-summary]").TextContent);

        var pair = cut.FindAll("[data-testid=hashtags-pair]").First().QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["#summer + #win", "12"], pair.Take(2));
        Assert.Contains("associations", cut.Find("[data-testid=hashtags-caveat]").TextContent);
    }

    [Fact]
    public async Task AHigherMinimum_FromTheUrl_LeavesOutSmallerTags_AndSaysWhatToDo()
    {
        var cut = await RenderAsync("/hashtags?min=16");
        cut.WaitForAssertion(() => cut.Find("[data-testid=hashtags-count]"), Patience);

        // Only #summer (18 posts) has 16 or more.
        Assert.Equal(["#summer", "#summer"], cut.FindAll("[data-testid=hashtags-row]").Select(r => r.GetAttribute("data-tag")));
        Assert.Contains("1 hashtags and mentions are on 16 posts or more", cut.Find("[data-testid=hashtags-count]").TextContent);

        Services.GetRequiredService<NavigationManager>().NavigateTo("/hashtags?min=40");
        var none = Render<HashtagsPage>(p => p.AddCascadingValue(cut.Instance.Filter));
        none.WaitForAssertion(() => Assert.Contains("No hashtag or mention is on 40 posts or more", none.Find("[data-testid=hashtags-none]").TextContent), Patience);
    }

    [Fact]
    public async Task ARangeWithoutPosts_SaysSo()
    {
        var filter = await SeedProfileAsync("brand", PlantedPosts(), TestFiles.Followers, new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31));

        var cut = Render<HashtagsPage>(p => p.AddCascadingValue(filter));

        cut.WaitForAssertion(() => Assert.Contains("No posts with a rate", cut.Find("[data-testid=hashtags-empty]").TextContent), Patience);
    }

    [Fact]
    public void NoProfile_ShowsTheWayToTheImportPage()
    {
        var cut = Render<HashtagsPage>(p => p.AddCascadingValue(DashboardFilter.Empty));

        Assert.Single(cut.FindComponents<NoProfile>());
    }
}
