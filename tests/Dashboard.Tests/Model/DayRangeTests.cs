using Insights.Dashboard.Model;

namespace Insights.Dashboard.Tests.Model;

public class DayRangeTests
{
    [Theory]
    [InlineData("2024-03-01", "2024-03-31", "2024-03-01", "2024-03-31")]
    [InlineData("2024-03-01", null, "2024-03-01", null)]
    [InlineData(null, "2024-03-31", null, "2024-03-31")]
    [InlineData(null, null, null, null)]
    [InlineData("", "  ", null, null)]
    [InlineData("2024-03-05", "2024-03-05", "2024-03-05", "2024-03-05")]
    public void TryParse_ReadsIsoDays_AndOpenEnds(string? from, string? to, string? expectedFrom, string? expectedTo)
    {
        Assert.True(DayRange.TryParse(from, to, out var range, out var error));

        Assert.Equal("", error);
        Assert.Equal(expectedFrom is null ? null : DateOnly.Parse(expectedFrom, System.Globalization.CultureInfo.InvariantCulture), range.From);
        Assert.Equal(expectedTo is null ? null : DateOnly.Parse(expectedTo, System.Globalization.CultureInfo.InvariantCulture), range.To);
    }

    [Theory]
    [InlineData("03/01/2024", null, "from: '03/01/2024' is not a date (expected yyyy-MM-dd)")]
    [InlineData("2024-02-30", null, "from: '2024-02-30' is not a date (expected yyyy-MM-dd)")]
    [InlineData(null, "tomorrow", "to: 'tomorrow' is not a date (expected yyyy-MM-dd)")]
    [InlineData("2024-03-02", "2024-03-01", "from: the start is after the end")]
    public void TryParse_RejectsBadInput_NamingTheField(string? from, string? to, string expected)
    {
        Assert.False(DayRange.TryParse(from, to, out var range, out var error));

        Assert.Equal(expected, error);
        Assert.Equal(default, range);
    }

    [Fact]
    public void Contains_IncludesBothEndDays_Whole()
    {
        var range = new DayRange(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31));

        Assert.True(range.Contains(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.True(range.Contains(new DateTime(2024, 3, 31, 23, 59, 59, DateTimeKind.Utc)));
        Assert.False(range.Contains(new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc)));
        Assert.False(range.Contains(new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.True(default(DayRange).Contains(DateTime.MinValue));
    }
}
