using System.Globalization;
using Insights.Analytics.Ingestion;

namespace Insights.Analytics.Tests.Ingestion;

/// <summary>The ISO fast path must agree with .NET's general parser on everything it accepts, and leave the rest to it.</summary>
public class IsoTimestampTests
{
    [Fact]
    public void GeneratedIsoTimestamps_ReadTheSameAsTheGeneralParser()
    {
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var local = new DateTime(random.Next(1971, 2100), random.Next(1, 13), 1).AddDays(random.Next(0, 31))
                .AddHours(random.Next(24)).AddMinutes(random.Next(60)).AddSeconds(random.Next(60));
            var digits = random.Next(0, 8);
            var fraction = digits == 0 ? "" : "." + random.NextInt64(0, (long)Math.Pow(10, digits)).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
            var seconds = random.Next(4) == 0 ? "" : local.ToString(":ss", CultureInfo.InvariantCulture) + fraction;
            var offset = random.Next(3) switch
            {
                0 => random.Next(2) == 0 ? "Z" : "z",
                var _ when random.Next(2) == 0 => $"+{random.Next(0, 14):00}:{random.Next(0, 4) * 15:00}",
                _ => $"-{random.Next(0, 13):00}:{random.Next(0, 4) * 15:00}",
            };
            var text = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (random.Next(2) == 0 ? "T" : " ")
                + local.ToString("HH:mm", CultureInfo.InvariantCulture) + seconds + offset;

            Assert.True(IsoTimestamp.TryRead(text, out var ours), text);
            var expected = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).UtcDateTime;
            Assert.Equal(expected, ours);
            Assert.Equal(DateTimeKind.Utc, ours.Kind);
        }
    }

    [Theory]
    [InlineData("2024-02-30T10:00:00Z")]        // no such day
    [InlineData("2023-02-29T10:00:00Z")]        // not a leap year
    [InlineData("2024-03-05T24:00:00Z")]        // hour out of range
    [InlineData("2024-03-05T10:60:00Z")]
    [InlineData("2024-03-05T10:00:60Z")]        // leap seconds go to the general parser
    [InlineData("2024-03-05T10:00:00+15:00")]   // beyond any real offset
    [InlineData("2024-03-05T10:00:00+14:30")]
    [InlineData("2024-03-05T10:00:00.12345678Z")] // more digits than a tick holds
    [InlineData("2024-03-05T10:00:00")]         // no offset: the profile's zone applies, not this path
    [InlineData("2024-03-05T10:00:00+0100")]    // compact offset: the general parser's
    [InlineData("2024-03-05T10:00:00Z trailing")]
    [InlineData("2024-3-5T10:00:00Z")]
    [InlineData("05/03/2024 10:00")]
    [InlineData("")]
    public void OtherShapesAndOutOfRangeValues_AreLeftToTheGeneralParser(string text) =>
        Assert.False(IsoTimestamp.TryRead(text, out _));

    [Fact]
    public void LeftValues_StillParseOrFailAsBefore_ThroughFieldParsers()
    {
        var parsers = new FieldParsers(TimeZoneInfo.Utc, false);
        Assert.True(parsers.TryParseTimestamp("2024-03-05T10:00:00+0100", out var compact, out _));
        Assert.Equal(new DateTime(2024, 3, 5, 9, 0, 0, DateTimeKind.Utc), compact);
        Assert.False(parsers.TryParseTimestamp("2024-02-30T10:00:00Z", out _, out var reason));
        Assert.Contains("is not a date and time", reason);
    }
}
