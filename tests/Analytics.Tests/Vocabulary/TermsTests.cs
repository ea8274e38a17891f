using Insights.Analytics.Engagement;
using Insights.Analytics.Vocabulary;

namespace Insights.Analytics.Tests.Vocabulary;

public sealed class TermsTests
{
    // The features the drivers model and the label tables use, and the automatic labels (PostLabelSource).
    public static TheoryData<string> CodeNames => new()
    {
        "media_type", "duration_seconds", "publish_hour", "weekday", "day_type", "hour_bucket", "caption_length", "hashtags", "mentions", "emoji",
        "people", "faces", "text_overlay", "text_area", "text_words", "text_number", "text_price", "text_call_to_action", "illustration", "animals", "nsfw", "brightness", "contrast", "colourfulness", "sharpness", "aspect_ratio",
    };

    [Theory]
    [MemberData(nameof(CodeNames))]
    public void EveryFeature_HasItsOwnWords_WithoutCodeNames(string code)
    {
        var term = Terms.Of(code);

        Assert.True(Terms.IsKnown(code));
        Assert.DoesNotContain("_", term.Name, StringComparison.Ordinal);
        Assert.NotEqual(code, term.Name);
        Assert.EndsWith(".", term.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFixedLabelColumns_AreAllInTheCatalogue()
    {
        var post = new EngagementPost(1, new DateTime(2024, 3, 4, 10, 0, 0, DateTimeKind.Utc), Insights.Analytics.Domain.MediaType.Image, null,
            new CaptionFeatures(10, 1, 0, 0), new Dictionary<string, string>(), null, 0.02, null);
        var columns = LabelCategories.Build([post], new EngagementOptions());

        Assert.All(columns.Where(c => c.Source is LabelSource.Post or LabelSource.Caption), c => Assert.True(Terms.IsKnown(c.Category), c.Category));
    }

    [Theory]
    [InlineData("people", "no_person", "No people")]
    [InlineData("people", "three_or_more", "Three or more people")]
    [InlineData("text_overlay", "1", "Yes")]
    [InlineData("custom_sunset", "0", "No")]
    [InlineData("weekday", "monday", "Monday")]
    [InlineData("hour_bucket", "18-23", "Evening (18–24 h)")]
    [InlineData("topic", "behind-the-scenes", "Behind-the-scenes")]
    public void Values_ReadAsWords(string category, string value, string expected) =>
        Assert.Equal(expected, Terms.Value(category, value));

    [Theory]
    [InlineData("PoR", "Popularity Rate")]
    [InlineData("ER", "Engagement rate")]
    [InlineData("PoR / rolling median", "Popularity Rate ÷ typical post of its weeks")]
    [InlineData("ER / rolling median", "Engagement rate ÷ typical post of its weeks")]
    public void Targets_ReadAsWords(string described, string expected) => Assert.Equal(expected, Terms.Target(described));

    [Fact]
    public void CustomAndManualLabels_AreHumanised()
    {
        Assert.Equal("Golden hour", Terms.Name("custom_golden_hour"));
        Assert.Contains("custom label", Terms.Of("custom_golden_hour").Explanation, StringComparison.Ordinal);
        Assert.Equal("Call to action", Terms.Name("call_to_action"));
        Assert.Equal("Text area (share of the image)", Terms.Of("text_area").NameWithUnit);
    }

    [Theory]
    [InlineData("people", "one_person", "Posts with one person")]
    [InlineData("text_overlay", "1", "Posts with text on the image")]
    [InlineData("text_overlay", "0", "Posts without text on the image")]
    [InlineData("media_type", "video", "Videos")]
    [InlineData("weekday", "Mon", "Posts where day of the week is Mon")]
    [InlineData("topic", "product_launch", "Posts where topic is Product launch")]
    public void Subject_NamesThePostsWithAValue_InWords(string category, string value, string expected) =>
        Assert.Equal(expected, Terms.Subject(category, value));

    [Theory]
    [InlineData(1.18, "18% better")]
    [InlineData(0.75, "25% worse")]
    [InlineData(1.002, "about as well")]
    [InlineData(2.5, "2.5 times as well")]
    public void Findings_SayALiftInWords(double lift, string expected) => Assert.Equal(expected, Findings.Change(lift));

    [Fact]
    public void Findings_StateOnlyClearEffects_WithTheirN()
    {
        var clear = new LabelValueStats("one_person", null, 84, 1.2, 1.1, 1.3, 1.18, 1.05, 1.31, false);
        var spansOne = clear with { LiftLow = 0.9 };
        var sparse = clear with { Sparse = true };

        Assert.Equal("Posts with one person did 18% better than the profile's typical post, n = 84", Findings.Sentence("people", clear));
        Assert.True(Findings.IsClear(clear));
        Assert.False(Findings.IsClear(spansOne));
        Assert.False(Findings.IsClear(sparse));
    }
}
