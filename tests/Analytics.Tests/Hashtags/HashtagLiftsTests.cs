using Insights.Analytics.Hashtags;

namespace Insights.Analytics.Tests.Hashtags;

public class HashtagLiftsTests
{
    [Fact]
    public void Extract_FindsHashtagsAndMentions_LowerCasedAndOnce()
    {
        Assert.Equal(["#coffee", "@acme.roasters", "#latteart"], HashtagLifts.Extract("New #Coffee by @acme.roasters. #coffee #LatteArt, mail me@example.com"));
        Assert.Empty(HashtagLifts.Extract(null));
    }

    [Fact]
    public void PlantedTags_TopAndBottom_WithNAndIntervals_AndPairsCounted()
    {
        // #coffee doubles the rate, @partner takes 30% off, #latte does nothing; 600 posts.
        var random = new Random(5);
        var posts = new List<(string?, double)>();
        for (var i = 0; i < 600; i++)
        {
            var coffee = random.Next(3) == 0;
            var latte = random.Next(2) == 0;
            var partner = random.Next(4) == 0;
            var caption = "A post" + (coffee ? " #coffee" : "") + (latte ? " #latte" : "") + (partner ? " with @partner" : "") + (i % 50 == 0 ? " #rare" : "");
            var rate = 0.02 * Math.Exp(0.3 * (random.NextDouble() - 0.5) * 3.4) * (coffee ? 2 : 1) * (partner ? 0.7 : 1);
            posts.Add((caption, rate));
        }

        var report = HashtagLifts.Compute(posts, new HashtagOptions { MinPosts = 20 });

        Assert.Equal("#coffee", report.Top[0].Tag);
        Assert.True(report.Top[0].Low > 1.5);
        Assert.Equal("@partner", report.Bottom[0].Tag);
        Assert.True(report.Bottom[0].High < 1);
        var neutral = report.All.Single(t => t.Tag == "#latte");
        Assert.True(neutral.Low < 1 && neutral.High > 1, $"#latte {neutral.Low}–{neutral.High}");
        Assert.DoesNotContain(report.All, t => t.Tag == "#rare");
        var pair = report.Pairs.Single(p => p.First == "#coffee" && p.Second == "#latte");
        Assert.Equal(posts.Count(p => p.Item1!.Contains("#coffee") && p.Item1.Contains("#latte")), pair.N);
        Assert.True(pair.Low > 1);
    }
}
