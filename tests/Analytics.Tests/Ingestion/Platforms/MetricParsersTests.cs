using Insights.Analytics.Domain;
using Insights.Analytics.Ingestion.Platforms;

namespace Insights.Analytics.Tests.Ingestion.Platforms;

public class MetricParsersTests
{
    [Theory]
    [InlineData("12.6s", 12.6)]
    [InlineData("42", 42)]
    [InlineData("0:01:59", 119)]
    [InlineData("1h 2m 3s", 3723)]
    [InlineData("2 min", 120)]
    [InlineData("61,820", 61820)]
    public void Durations_InTheFormsExportsWrite(string text, double expected)
    {
        Assert.True(MetricParsers.TryParseDuration(text, out var seconds, out var reason), reason);
        Assert.Equal(expected, seconds, 6);
    }

    [Theory]
    [InlineData("twelve")]
    [InlineData("12.6 parsecs")]
    [InlineData("-3s")]
    public void NotDurations_AreRefusedWithAReason(string text)
    {
        Assert.False(MetricParsers.TryParseDuration(text, out _, out var reason));
        Assert.Contains("not a duration", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("22.3%", 22.3)]
    [InlineData("22.3 %", 22.3)]
    [InlineData("74.6", 74.6)]
    public void Percentages_WithOrWithoutTheSign(string text, double expected)
    {
        Assert.True(MetricParsers.TryParsePercent(text, out var percent, out _));
        Assert.Equal(expected, percent, 6);
    }

    [Theory]
    [InlineData("-5", -5)]
    [InlineData("+12", 12)]
    [InlineData("1.1K", 1100)]
    public void NetCounts_MayBeNegative(string text, long expected)
    {
        Assert.True(MetricParsers.TryParseSignedCount(text, out var count, out _));
        Assert.Equal(expected, count);
    }

    [Fact]
    public void APercentageInACountColumn_SaysSo() =>
        Assert.False(MetricParsers.TryParseCount("4.5%", out _, out var reason) || !reason.Contains("percentage", StringComparison.Ordinal));

    [Theory]
    [InlineData("Text", MediaType.Image)]
    [InlineData("Photos", MediaType.Image)]
    [InlineData("Reels", MediaType.Video)]
    [InlineData("IG carousel", MediaType.Carousel)]
    [InlineData("Document", MediaType.Image)]
    public void PostTypes_OfEveryPlatform(string text, MediaType expected)
    {
        Assert.True(MetricParsers.TryParseMediaType(text, out var type, out _));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData("https://www.tiktok.com/@acme/video/7343123456789012481", "7343123456789012481")]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=4", "dQw4w9WgXcQ")]
    [InlineData("https://youtu.be/a1B2c3D4e5F", "a1B2c3D4e5F")]
    [InlineData("https://www.youtube.com/shorts/a1B2c3D4e5F", "a1B2c3D4e5F")]
    [InlineData("https://www.linkedin.com/feed/update/urn:li:activity:7170012345678901234", "7170012345678901234")]
    [InlineData("https://x.com/acme/status/1765012345678901248", "1765012345678901248")]
    [InlineData("https://www.instagram.com/reel/C4fGhIjKlMn/", "C4fGhIjKlMn")]
    [InlineData("https://www.facebook.com/permalink.php?story_fbid=998877&id=1122", "998877")]
    [InlineData("https://example.com/blog/our-beans", "our-beans")]
    public void PostIds_FromLinks(string link, string expected) => Assert.Equal(expected, PostIdFromLink.Extract(link));

    [Fact]
    public void Detection_FromColumnsOnlyOnePlatformWrites()
    {
        Assert.Equal("youtube", PlatformCatalog.Detect(["Content", "Video title", "Views", "Watch time (hours)", "Subscribers"])?.Name);
        Assert.Equal("x", PlatformCatalog.Detect(["Tweet id", "time", "impressions", "retweets", "replies", "likes"])?.Name);
        Assert.Null(PlatformCatalog.Detect(["post_id", "published_at", "likes", "comments"]));
    }
}
