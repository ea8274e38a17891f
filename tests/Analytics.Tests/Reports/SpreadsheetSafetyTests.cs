using Insights.Analytics.Reports;

namespace Insights.Analytics.Tests.Reports;

public class SpreadsheetSafetyTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    public void Neutralise_PrefixesText_ThatASpreadsheetWouldRun(string text, string expected) =>
        Assert.Equal(expected, SpreadsheetSafety.Neutralise(text));

    [Theory]
    [InlineData("Summer sale", "Summer sale")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Neutralise_LeavesOrdinaryText(string? text, string expected) =>
        Assert.Equal(expected, SpreadsheetSafety.Neutralise(text));
}
