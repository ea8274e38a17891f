using System.Globalization;
using System.Text;
using Insights.Analytics.Ingestion.Tables;
using Insights.Analytics.Reports;

namespace Insights.Analytics.Tests.Reports;

[Collection(DemoReportCollection.Name)]
public class CsvReportWriterTests(DemoReport demo)
{
    private static async Task<(IReadOnlyList<string> Header, List<string?[]> Rows)> WriteAndReadAsync(ReportContent content)
    {
        using var stream = new MemoryStream();
        await CsvReportWriter.WriteAsync(content, stream);
        var bytes = stream.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        using var reader = new CsvTableReader(new StringReader(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)));
        var rows = new List<string?[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.Header.Count).Select(i => reader[i]).ToArray());
        return (reader.Header, rows);
    }

    [Fact]
    public async Task DemoCsv_HasEveryPostOfTheRange_WithMetricsClassesAndLabels()
    {
        var (header, rows) = await WriteAndReadAsync(demo.Content);
        Assert.Equal(demo.Content.Posts.Count, rows.Count);
        Assert.True(rows.Count > 100);
        foreach (var column in new[] { "post_id", "published_utc", "likes", "popularity_rate", "class", "auto:people", "label:topic", "caption" })
            Assert.Contains(column, header);
        var first = demo.Content.Posts[0];
        var row = rows[0];
        Assert.Equal(first.PlatformPostId, row[header.IndexOf("post_id")]);
        Assert.Equal(first.Likes.ToString(CultureInfo.InvariantCulture), row[header.IndexOf("likes")]);
        Assert.Equal(first.PopularityRate!.Value, double.Parse(row[header.IndexOf("popularity_rate")]!, CultureInfo.InvariantCulture), 12);
        Assert.Equal(first.ClassName, row[header.IndexOf("class")]);
        Assert.Equal(first.Caption, row[header.IndexOf("caption")]);
        // Missing is empty, never zero.
        var missing = demo.Content.Posts.FindIndex(p => p.VideoViews is null);
        Assert.True(missing >= 0);
        Assert.True(string.IsNullOrEmpty(rows[missing][header.IndexOf("video_views")]));
    }

    [Fact]
    public async Task HostileText_IsNeutralised_AndNumbersStayNumbers()
    {
        var (header, rows) = await WriteAndReadAsync(SyntheticReport.Create());
        for (var i = 0; i < SyntheticReport.Hostile.Length; i++)
        {
            var expected = "'" + SyntheticReport.Hostile[i];
            Assert.Equal(expected, rows[i][header.IndexOf("post_id")]);
            Assert.Equal(expected, rows[i][header.IndexOf("caption")]);
            Assert.Equal(expected, rows[i][header.IndexOf("label:topic")]);
        }
        Assert.Equal("-7", rows[0][header.IndexOf("impressions")]);
        Assert.Equal("-3.5", rows[1][header.IndexOf("duration_seconds")]);
        Assert.Equal("-0.25", rows[0][header.IndexOf("auto:brightness")]);
    }
}

internal static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == value) return i;
        throw new KeyNotFoundException($"No column '{value}' in {string.Join(", ", list)}.");
    }

    public static int FindIndex<T>(this IReadOnlyList<T> list, Func<T, bool> predicate)
    {
        for (var i = 0; i < list.Count; i++)
            if (predicate(list[i])) return i;
        return -1;
    }
}
