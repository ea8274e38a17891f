using Insights.Analytics.Engagement;

namespace Insights.Analytics.Tests.Engagement;

public class CaptionFeaturesTests
{
    [Theory]
    [InlineData("Sunny day #beach #summer_2024 with @anna.b and @team", 2, 2)]
    [InlineData("write to hello@example.com or use C# and a#b", 0, 0)]
    [InlineData("#start,#comma (#paren) # alone @ alone", 3, 0)]
    [InlineData("", 0, 0)]
    public void HashtagsAndMentions_AreCountedOnlyAtWordStarts(string caption, int hashtags, int mentions)
    {
        var f = CaptionFeatures.Extract(caption);

        Assert.Equal((hashtags, mentions), (f.Hashtags, f.Mentions));
    }

    [Fact]
    public void Emoji_CountOncePerVisibleSymbol_ZwjSequencesFlagsAndSkinTonesIncluded()
    {
        // pizza, family (ZWJ sequence), flag (two regional indicators), thumbs up with skin tone, sun with VS16
        var f = CaptionFeatures.Extract("🍕 👨‍👩‍👧 🇩🇪 👍🏽 ☀️ ok");

        Assert.Equal(5, f.Emoji);
        Assert.Equal(12, f.Length); // 5 emoji + 5 spaces + "ok"
    }

    [Fact]
    public void NullCaption_HasNoFeatures() => Assert.Equal(CaptionFeatures.Empty, CaptionFeatures.Extract(null));
}
