using Insights.Analytics.Ingestion;

namespace Insights.Analytics.Tests.Ingestion;

public class ColumnMapTests
{
    [Fact]
    public void PlatformHeaders_MapToKnownFields_IgnoringCaseSpacesAndPunctuation()
    {
        string[] header = ["Post ID", "Publish time", "Post type", "Description", "Permalink", "Likes", "Comments", "Shares", "Saves", "Impressions", "Reach", "Duration (sec)"];

        var map = ColumnMap.Build(header, PostImporterFields, out var missing);

        Assert.Empty(missing);
        Assert.Equal(0, map["post_id"]);
        Assert.Equal(1, map["published_at"]);
        Assert.Equal(2, map["media_type"]);
        Assert.Equal(3, map["caption"]);
        Assert.Equal(4, map["permalink"]);
        Assert.Equal(9, map["impressions"]);
        Assert.Equal(10, map["reach"]);
        Assert.Equal(11, map["duration_sec"]);
        Assert.Equal(-1, map["video_views"]);
        Assert.False(map.Has("media"));
        Assert.Equal("Duration (sec)", map.ColumnName("duration_sec"));
        Assert.Equal("published_at", map.Mapping()["Publish time"]);
    }

    [Fact]
    public void MissingRequiredFields_AreAllNamed()
    {
        ColumnMap.Build(["id", "caption"], PostImporterFields, out var missing);

        Assert.Equal(["published_at", "likes", "comments"], missing);
    }

    [Fact]
    public void AColumnIsTakenByOneFieldOnly_AndTheFieldsOwnNameWinsOverAnAlias()
    {
        // "Views" is an alias of impressions, but "Impressions" is there itself.
        var map = ColumnMap.Build(["post_id", "Views", "Impressions", "Video views"], PostImporterFields, out _);

        Assert.Equal(2, map["impressions"]);
        Assert.Equal(3, map["video_views"]);
    }

    [Theory]
    [InlineData("Publish time", "publishtime")]
    [InlineData("publish_time", "publishtime")]
    [InlineData("PublishTime", "publishtime")]
    [InlineData(" Duration (sec) ", "durationsec")]
    public void Normalise_KeepsOnlyLowerCaseLettersAndDigits(string header, string expected) =>
        Assert.Equal(expected, ColumnMap.Normalise(header));

    private static IReadOnlyList<FieldSpec> PostImporterFields => PostImporter.Fields;
}
