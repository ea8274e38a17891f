using Insights.Analytics.Domain;
using Insights.Analytics.Ingestion;

namespace Insights.Analytics.Tests.Ingestion;

public class FieldParsersTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTime Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0) => new(y, mo, d, h, mi, s, ms, DateTimeKind.Utc);

    private static DateTime Parse(string text, TimeZoneInfo? zone = null, bool dayFirst = false)
    {
        var ok = new FieldParsers(zone ?? TimeZoneInfo.Utc, dayFirst).TryParseTimestamp(text, out var utc, out var reason);
        Assert.True(ok, reason);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        return utc;
    }

    [Theory]
    [InlineData("2024-03-05T14:30:00Z", 14, 30, 0)]
    [InlineData("2024-03-05T14:30:00+01:00", 13, 30, 0)]
    [InlineData("2024-03-05T14:30:00.250-05:00", 19, 30, 250)]
    [InlineData("2024-03-05T14:30:00+0530", 9, 0, 0)]
    [InlineData("2024-03-05 14:30:00Z", 14, 30, 0)]
    public void Timestamps_WithZOrAnOffset_KeepIt_WhateverTheConfiguredZone(string text, int hour, int minute, int ms) =>
        Assert.Equal(Utc(2024, 3, 5, hour, minute, 0, ms), Parse(text, Berlin));

    [Theory]
    [InlineData("2024-01-15 12:00", 11)]    // CET, UTC+1
    [InlineData("2024-07-15 12:00", 10)]    // CEST, UTC+2
    [InlineData("2024-07-15T12:00", 10)]
    [InlineData("2024-07-15T12:00:00", 10)]
    [InlineData("2024-07-15 12:00:00.5", 10)]
    public void LocalTimestamps_AreInTheConfiguredZone_IncludingDaylightSaving(string text, int utcHour)
    {
        var expected = text.StartsWith("2024-01", StringComparison.Ordinal) ? Utc(2024, 1, 15, utcHour) : Utc(2024, 7, 15, utcHour);
        if (text.EndsWith(".5", StringComparison.Ordinal))
            expected = expected.AddMilliseconds(500);
        Assert.Equal(expected, Parse(text, Berlin));
    }

    [Fact]
    public void LocalTimestamps_OnTheDaylightSavingChangeDays_AreConverted()
    {
        // 2024-03-31: clocks jump from 02:00 to 03:00 in Berlin, so 02:30 never happened on the wall;
        // it is read with the offset in force before the jump instead of failing the import.
        Assert.Equal(Utc(2024, 3, 31, 0, 30), Parse("2024-03-31 01:30", Berlin));
        Assert.Equal(Utc(2024, 3, 31, 1, 30), Parse("2024-03-31 02:30", Berlin));
        Assert.Equal(Utc(2024, 3, 31, 1, 30), Parse("2024-03-31 03:30", Berlin));
        // 2024-10-27: 02:30 happens twice; standard time (the later one) is taken.
        Assert.Equal(Utc(2024, 10, 27, 1, 30), Parse("2024-10-27 02:30", Berlin));
        Assert.Equal(Utc(2024, 10, 27, 2, 30), Parse("2024-10-27 03:30", Berlin));
    }

    [Fact]
    public void SlashDates_AreMonthFirstByDefault_AndDayFirstWhenConfigured()
    {
        Assert.Equal(Utc(2024, 3, 5, 14, 30), Parse("03/05/2024 2:30 PM"));
        Assert.Equal(Utc(2024, 3, 5, 14, 30), Parse("3/5/2024 14:30"));
        Assert.Equal(Utc(2024, 5, 3, 14, 30), Parse("03/05/2024 14:30", dayFirst: true));
        Assert.Equal(Utc(2024, 5, 13), Parse("13/05/2024", dayFirst: true));
        Assert.False(new FieldParsers(TimeZoneInfo.Utc, false).TryParseTimestamp("13/05/2024", out _, out var reason));
        Assert.Contains("13/05/2024", reason);
    }

    [Theory]
    [InlineData("Mar 5, 2024 2:30 PM")]
    [InlineData("Mar 5, 2024 14:30")]
    [InlineData("5 Mar 2024 14:30")]
    [InlineData("5.3.2024 14:30")]
    [InlineData("2024/03/05 14:30")]
    [InlineData("1709649000")]
    [InlineData("1709649000000")]
    public void ExportFormats_AndUnixTime_AreUnderstood(string text) =>
        Assert.Equal(Utc(2024, 3, 5, 14, 30), Parse(text));

    [Fact]
    public void UnixTime_IgnoresTheConfiguredZone() => Assert.Equal(Utc(2024, 3, 5, 14, 30), Parse("1709649000", Berlin));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-02-30 10:00")]
    [InlineData("12345")]
    [InlineData("")]
    public void NonDates_AreRejectedWithTheValueInTheReason(string text)
    {
        Assert.False(new FieldParsers(TimeZoneInfo.Utc, false).TryParseTimestamp(text, out _, out var reason));
        Assert.Contains($"'{text}'", reason);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("42", 42)]
    [InlineData(" 42 ", 42)]
    [InlineData("1,234", 1_234)]
    [InlineData("1 234 567", 1_234_567)]
    [InlineData("1'234", 1_234)]
    [InlineData("12.5K", 12_500)]
    [InlineData("12k", 12_000)]
    [InlineData("1.2M", 1_200_000)]
    [InlineData("3m", 3_000_000)]
    public void Counts_AcceptThousandsSeparatorsAndSuffixes(string text, long expected)
    {
        Assert.True(FieldParsers.TryParseCount(text, out var count, out var reason), reason);
        Assert.Equal(expected, count);
    }

    [Fact]
    public void LargeCounts_AreExact_AndTooLargeOnesAreRejected()
    {
        Assert.True(FieldParsers.TryParseCount("9,007,199,254,740,993", out var exact, out _));
        Assert.Equal(9_007_199_254_740_993, exact);   // 2^53 + 1: a double would round it
        Assert.False(FieldParsers.TryParseCount("99999999999999999999", out _, out var reason));
        Assert.Contains("too large", reason);
        Assert.False(FieldParsers.TryParseCount("99999999999999999K", out _, out _));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("1,234.5")]
    [InlineData("abc")]
    [InlineData("K")]
    [InlineData("12..5K")]
    [InlineData("1e3")]
    [InlineData("")]
    public void BadCounts_AreRejected(string text)
    {
        Assert.False(FieldParsers.TryParseCount(text, out _, out var reason));
        Assert.Contains("not a whole non-negative number", reason);
    }

    [Theory]
    [InlineData("42", 42)]
    [InlineData("42.5", 42.5)]
    [InlineData("0:42", 42)]
    [InlineData("1:02", 62)]
    [InlineData("1:02:03", 3_723)]
    public void Durations_AreSecondsOrClockNotation(string text, double expected)
    {
        Assert.True(FieldParsers.TryParseSeconds(text, out var seconds, out var reason), reason);
        Assert.Equal(expected, seconds, 9);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-3")]
    [InlineData("1:xx")]
    [InlineData("1:-2")]
    public void BadDurations_AreRejected(string text)
    {
        Assert.False(FieldParsers.TryParseSeconds(text, out _, out var reason));
        Assert.Contains(text, reason);
    }

    [Theory]
    [InlineData("Photo", MediaType.Image)]
    [InlineData("IMAGE", MediaType.Image)]
    [InlineData("Reel", MediaType.Video)]
    [InlineData("IG reel", MediaType.Video)]
    [InlineData("Video", MediaType.Video)]
    [InlineData("IG carousel", MediaType.Carousel)]
    [InlineData("CAROUSEL_ALBUM", MediaType.Carousel)]
    [InlineData("Album", MediaType.Carousel)]
    public void PostTypes_UnderstandPlatformSpellings(string text, MediaType expected)
    {
        Assert.True(FieldParsers.TryParseMediaType(text, out var type, out var reason), reason);
        Assert.Equal(expected, type);
    }

    [Fact]
    public void UnknownPostTypes_AreRejected()
    {
        Assert.False(FieldParsers.TryParseMediaType("Story", out _, out var reason));
        Assert.Contains("'Story' is not a post type", reason);
    }

    [Theory]
    [InlineData("2024-03-05")]
    [InlineData("3/5/2024")]
    [InlineData("5.3.2024")]
    [InlineData("2024-03-05T00:00:00Z")]
    [InlineData("2024-03-05 10:00:00")]
    public void SnapshotDates_AcceptCommonFormats(string text)
    {
        Assert.True(FieldParsers.TryParseDate(text, out var date, out var reason), reason);
        Assert.Equal(new DateOnly(2024, 3, 5), date);
    }

    [Fact]
    public void SnapshotSlashDates_AreDayFirstWhenConfigured()
    {
        Assert.True(FieldParsers.TryParseDate("05/03/2024", out var date, out _, dayFirst: true));
        Assert.Equal(new DateOnly(2024, 3, 5), date);
        Assert.False(FieldParsers.TryParseDate("03/25/2024", out _, out _, dayFirst: true));
    }

    [Fact]
    public void BadSnapshotDates_AreRejected()
    {
        Assert.False(FieldParsers.TryParseDate("2024-13-01", out _, out var reason));
        Assert.Contains("'2024-13-01' is not a date", reason);
    }
}
