using Insights.Analytics.Domain;
using Insights.Analytics.Ingestion.Tables;

namespace Insights.Analytics.Ingestion;

/// <summary>Turns one record of a posts export into a <see cref="Post"/>, reporting every bad value of the row.</summary>
internal sealed class PostRowParser(ColumnMap map, FieldParsers parsers, ImportReport report, int errorLimit)
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

    /// <summary>The post, or null when the row has errors (they are added to the report).</summary>
    public Post? Parse(ITableReader row)
    {
        var ok = true;
        var id = row[_id];
        if (id is null)
            ok = Fail(row, _id, "the post id is empty");
        else if (id.Length > 200)
            ok = Fail(row, _id, "the post id is longer than 200 characters");

        DateTime published = default;
        var publishedText = row[_published];
        if (publishedText is null)
            ok = Fail(row, _published, "the publish time is empty");
        else if (!parsers.TryParseTimestamp(publishedText, out published, out var reason))
            ok = Fail(row, _published, reason);

        var type = MediaType.Image;
        if (_type >= 0 && row[_type] is { } typeText && !FieldParsers.TryParseMediaType(typeText, out type, out var typeReason))
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

        double? duration = null;
        if (_duration >= 0 && row[_duration] is { } durationText)
        {
            if (FieldParsers.TryParseSeconds(durationText, out var seconds, out var durationReason))
                duration = seconds;
            else
                ok = Fail(row, _duration, durationReason);
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
        if (FieldParsers.TryParseCount(text, out var count, out var reason))
            return count;
        ok = Fail(row, column, reason);
        return 0;
    }

    private long? OptionalCount(ITableReader row, int column, ref bool ok)
    {
        if (column < 0 || row[column] is not { } text)
            return null;
        if (FieldParsers.TryParseCount(text, out var count, out var reason))
            return count;
        ok = Fail(row, column, reason);
        return null;
    }

    private bool Fail(ITableReader row, int column, string reason)
    {
        report.AddError(new ImportError(report.File, row.Line, map.Header[column], reason), errorLimit);
        return false;
    }
}
