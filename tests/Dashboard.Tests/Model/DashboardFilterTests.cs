using System.Globalization;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Model;

namespace Insights.Dashboard.Tests.Model;

public class DashboardFilterTests
{
    private static readonly ProfileSummary Profile = new(4, "tom & jerry/official", "instagram", 10, null, null);

    [Fact]
    public void QueryString_IsEmpty_WithoutProfileOrRange()
    {
        Assert.Equal("", DashboardFilter.Empty.QueryString);
    }

    [Fact]
    public void QueryString_KeepsProfileAndRange_Escaped()
    {
        var filter = new DashboardFilter(Profile, [Profile], new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31));

        Assert.Equal("?profile=tom%20%26%20jerry%2Fofficial&from=2024-03-01&to=2024-03-31", filter.QueryString);
    }

    [Fact]
    public void QueryString_LeavesOutOpenEnds()
    {
        Assert.Equal("?to=2024-12-31", (DashboardFilter.Empty with { To = new DateOnly(2024, 12, 31) }).QueryString);
        Assert.Equal("?profile=tom%20%26%20jerry%2Fofficial", (DashboardFilter.Empty with { Profile = Profile }).QueryString);
    }

    [Fact]
    public void QueryString_ParsesBackToTheSameRange()
    {
        var filter = DashboardFilter.Empty with { From = new DateOnly(2023, 11, 5), To = new DateOnly(2024, 2, 29) };
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(filter.QueryString);

        Assert.True(DayRange.TryParse(query["from"], query["to"], out var range, out _));
        Assert.Equal(filter.Range, range);
    }

    [Fact]
    public void RangeText_SaysWhichDaysAreShown()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            Assert.Equal("all time", DashboardFilter.Empty.RangeText);
            Assert.Equal("since 5 Mar 2024", (DashboardFilter.Empty with { From = new DateOnly(2024, 3, 5) }).RangeText);
            Assert.Equal("until 5 Mar 2024", (DashboardFilter.Empty with { To = new DateOnly(2024, 3, 5) }).RangeText);
            Assert.Equal("1 Jan 2024 – 5 Mar 2024", (DashboardFilter.Empty with { From = new DateOnly(2024, 1, 1), To = new DateOnly(2024, 3, 5) }).RangeText);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
