using Insights.Analytics.Domain;
using Insights.Analytics.Ingestion.Platforms;
using Insights.Analytics.Ingestion.Tables;

namespace Insights.Analytics.Ingestion;

/// <summary>Turns one record of a posts export into a <see cref="Post"/>, reporting every bad value of the row.</summary>
internal sealed class PostRowParser(ColumnMap map, FieldParsers parsers, MediaType defaultMediaType, ImportReport report, int errorLimit)
{
    /// <summary>Longest caption kept: what one spreadsheet cell holds (Excel's limit), so every report can carry it whole.</summary>
    public const int MaxCaptionLength = 32_767;

    /// <summary>Longest permalink and media file list kept.</summary>
    public const int MaxLinkLength = 4_000;

    private readonly int _id = map["post_id"];
    private readonly int _published = map["published_at"];
    private readonly int _type = map["media_type"];
    private readonly int _caption = map["caption"];
    private readonly int _permalink = map["permalink"];
    private readonly int _likes = map["likes"];
    private readonly int _comments = map["comments"];
    private readonly int _shares = map["shares"];
    private readonly int _saves = map["saves"];
    private readonly int _impressions = map["impressions"];
    private readonly int _reach = map["reach"];
    private readonly int _videoViews = map["video_views"];
    private readonly int _duration = map["duration_sec"];
    private readonly int _media = map["media"];
    private readonly int _watchTimeSeconds = map["watch_time_sec"];
    private readonly int _watchTimeHours = map["watch_time_hours"];
    private readonly int _averageView = map["avg_view_sec"];
    private readonly int _averageViewed = map["avg_viewed_pct"];
    private readonly int _followersGained = map["followers_gained"];

    /// <summary>The post, or null when the row has errors (they are added to the report).</summary>
    public Post? Parse(ITableReader row)
    {
        var ok = true;
        var id = _id >= 0 ? row[_id] : PostIdFromLink.Extract(row[_permalink]);
        if (id is null)
            ok = Fail(row, _id >= 0 ? _id : _permalink, _id >= 0 ? "the post id is empty" : "the post's link is empty or has no post id in it (the file has no post id column)");
        else if (id.Length > 200)
            ok = Fail(row, _id, "the post id is longer than 200 characters");

        DateTime published = default;
        var publishedText = row[_published];
        if (publishedText is null)
            ok = Fail(row, _published, "the publish time is empty");
        else if (!parsers.TryParseTimestamp(publishedText, out published, out var reason))
            ok = Fail(row, _published, reason);

        var type = defaultMediaType;
        if (_type >= 0 && row[_type] is { } typeText && !MetricParsers.TryParseMediaType(typeText, out type, out var typeReason))
            ok = Fail(row, _type, typeReason);

        var likes = RequiredCount(row, _likes, "likes", ref ok);
        var comments = RequiredCount(row, _comments, "comments", ref ok);
        var shares = OptionalCount(row, _shares, ref ok);
        var saves = OptionalCount(row, _saves, ref ok);
        var impressions = OptionalCount(row, _impressions, ref ok);
        var reach = OptionalCount(row, _reach, ref ok);
        var videoViews = OptionalCount(row, _videoViews, ref ok);

        var caption = Limited(row, _caption, MaxCaptionLength, "the caption", ref ok);
        var permalink = Limited(row, _permalink, MaxLinkLength, "the permalink", ref ok);
        var media = Limited(row, _media, MaxLinkLength, "the media file list", ref ok);

        var duration = OptionalSeconds(row, _duration, ref ok);
        var watchTime = OptionalSeconds(row, _watchTimeSeconds, ref ok) ?? OptionalHours(row, _watchTimeHours, ref ok);
        var averageView = OptionalSeconds(row, _averageView, ref ok);
        var averageViewed = OptionalPercent(row, _averageViewed, ref ok);
        long? followersGained = null;
        if (_followersGained >= 0 && row[_followersGained] is { } gainedText)
        {
            if (MetricParsers.TryParseSignedCount(gainedText, out var gained, out var gainedReason))
                followersGained = gained;
            else
                ok = Fail(row, _followersGained, gainedReason);
        }

        if (!ok)
            return null;
        return new Post
        {
            PlatformPostId = id!,
            PublishedUtc = published,
            MediaType = type,
            Caption = caption,
            Permalink = permalink,
            Likes = likes,
            Comments = comments,
            Shares = shares,
            Saves = saves,
            Impressions = impressions,
            Reach = reach,
            VideoViews = videoViews,
            DurationSeconds = duration,
            MediaFileNames = media,
            WatchTimeSeconds = watchTime,
            AverageViewSeconds = averageView,
            AverageViewedPercent = averageViewed,
            FollowersGained = followersGained,
        };
    }

    private string? Limited(ITableReader row, int column, int maxLength, string what, ref bool ok)
    {
        if (column < 0 || row[column] is not { } text)
            return null;
        if (text.Length <= maxLength)
            return text;
        ok = Fail(row, column, $"{what} has {text.Length:N0} characters; at most {maxLength:N0} are accepted");
        return null;
    }

    private long RequiredCount(ITableReader row, int column, string what, ref bool ok)
    {
        var text = row[column];
        if (text is null)
        {
            ok = Fail(row, column, $"{what} is empty (likes and comments are required; other metrics may be left empty)");
            return 0;
        }
        if (MetricParsers.TryParseCount(text, out var count, out var reason))
            return count;
        ok = Fail(row, column, reason);
        return 0;
    }

    private long? OptionalCount(ITableReader row, int column, ref bool ok)
    {
        if (column < 0 || row[column] is not { } text)
            return null;
        if (MetricParsers.TryParseCount(text, out var count, out var reason))
            return count;
        ok = Fail(row, column, reason);
        return null;
    }

    private double? OptionalSeconds(ITableReader row, int column, ref bool ok)
    {
        if (column < 0 || row[column] is not { } text)
            return null;
        if (MetricParsers.TryParseDuration(text, out var seconds, out var reason))
            return seconds;
        ok = Fail(row, column, reason);
        return null;
    }

    private double? OptionalHours(ITableReader row, int column, ref bool ok)
    {
        if (column < 0 || row[column] is not { } text)
            return null;
        if (double.TryParse(text.Trim().Replace(",", "", StringComparison.Ordinal), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var hours))
            return hours * 3600;
        ok = Fail(row, column, $"'{text}' is not a number of hours");
        return null;
    }

    private double? OptionalPercent(ITableReader row, int column, ref bool ok)
    {
        if (column < 0 || row[column] is not { } text)
            return null;
        if (MetricParsers.TryParsePercent(text, out var percent, out var reason))
            return percent;
        ok = Fail(row, column, reason);
        return null;
    }

    private bool Fail(ITableReader row, int column, string reason)
    {
        report.AddError(new ImportError(report.File, row.Line, map.Header[column], reason), errorLimit);
        return false;
    }
}
