using Insights.Analytics.Engagement;

namespace Insights.Analytics.Tests.Engagement;

public sealed class OverlayTextFeaturesTests
{
    [Theory]
    [InlineData("Shop now\n$19.99", 3, true, true, true)]
    [InlineData("SALE -30%", 2, true, true, false)]
    [InlineData("19,99 €", 2, true, true, false)]
    [InlineData("Open 9am to 5pm", 4, true, false, false)]
    [InlineData("Linkin bio", 2, false, false, true)]
    [InlineData("Sign up today", 3, false, false, true)]
    [InlineData("Don't miss it", 3, false, false, true)]
    [InlineData("Summer vibes", 2, false, false, false)]
    [InlineData("Workshop nowhere", 2, false, false, false)]
    public void Extract_CountsWords_AndFindsNumbersPricesAndCallsToAction(string text, int words, bool number, bool price, bool callToAction) =>
        Assert.Equal(new OverlayTextFeatures(words, number, price, callToAction), OverlayTextFeatures.Extract(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n ")]
    public void NoText_HasNoFeatures(string? text) => Assert.Equal(OverlayTextFeatures.Empty, OverlayTextFeatures.Extract(text));
}
