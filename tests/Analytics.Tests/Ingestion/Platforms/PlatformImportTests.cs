using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Tests.Ingestion.Platforms;

/// <summary>Each platform's own export, as its analytics tool writes it, imports to the one set of metrics.</summary>
public class PlatformImportTests
{
    private static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Ingestion", "Platforms", "Samples", name));

    private static async Task<(ImportReportView Report, List<Post> Posts, string Platform)> ImportSampleAsync(string file, string? platform = null)
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var profile = await db.CreateProfileAsync();
        using var stream = new MemoryStream(Sample(file));
        var report = await db.Import.ImportFileAsync(profile, file, stream, platform: platform);
        await using var context = db.NewContext();
        var posts = await context.Posts.Where(p => p.ProfileId == profile).OrderBy(p => p.PublishedUtc).ToListAsync();
        var stored = await context.Profiles.Where(p => p.Id == profile).Select(p => p.Platform).SingleAsync();
        return (new ImportReportView(report.Succeeded, string.Join("; ", report.Errors), report.Warnings, report.Platform, report.Inserted), posts, stored);
    }

    private sealed record ImportReportView(bool Succeeded, string Errors, List<string> Warnings, string? Platform, int Inserted);

    [Fact]
    public async Task Instagram_MetaBusinessSuiteExport_ViewsAreImpressions_PlaysAreVideoViews()
    {
        var (report, posts, platform) = await ImportSampleAsync("instagram_meta_business_suite.csv");

        Assert.True(report.Succeeded, report.Errors);
        Assert.Equal(("instagram", "instagram"), (report.Platform, platform));
        Assert.Equal(3, posts.Count);
        var reel = posts[1];
        Assert.Equal("18034211234567891", reel.PlatformPostId);
        Assert.Equal(MediaType.Video, reel.MediaType);
        Assert.Equal(new DateTime(2024, 3, 6, 17, 40, 0, DateTimeKind.Utc), reel.PublishedUtc);
        Assert.Equal((2_100L, 133L, 410L, 905L), (reel.Likes, reel.Comments, reel.Shares!.Value, reel.Saves!.Value));
        Assert.Equal((48_200L, 31_007L, 51_200L, 88L), (reel.Impressions!.Value, reel.Reach!.Value, reel.VideoViews!.Value, reel.FollowersGained!.Value));
        Assert.Equal(MediaType.Carousel, posts[2].MediaType);
        Assert.Null(posts[0].VideoViews);
        Assert.Null(posts[0].WatchTimeSeconds);
    }

    [Fact]
    public async Task Facebook_ReactionsAreLikes_SecondsViewedAreWatchTime_NoSavesStaysMissing()
    {
        var (report, posts, platform) = await ImportSampleAsync("facebook_meta_business_suite.csv");

        Assert.True(report.Succeeded, report.Errors);
        Assert.Equal("facebook", platform);
        Assert.Equal(3, posts.Count);
        Assert.Equal((MediaType.Image, MediaType.Video, MediaType.Image), (posts[0].MediaType, posts[1].MediaType, posts[2].MediaType));
        var reel = posts[1];
        Assert.Equal((640L, 41L, 57L), (reel.Likes, reel.Comments, reel.Shares!.Value));
        Assert.Equal((22_190L, 15_876L, 13_440L), (reel.Impressions!.Value, reel.Reach!.Value, reel.VideoViews!.Value));
        Assert.Equal(61_820, reel.WatchTimeSeconds);
        Assert.Equal(4.6, reel.AverageViewSeconds);
        Assert.Equal(14, reel.DurationSeconds);
        Assert.All(posts, p => Assert.Null(p.Saves));
        Assert.All(posts, p => Assert.Null(p.FollowersGained));
    }

    [Fact]
    public async Task TikTok_NoIdColumn_IdFromTheLink_DurationsWithUnits_FavouritesAreSaves_NoImpressions()
    {
        var (report, posts, platform) = await ImportSampleAsync("tiktok_studio_content.csv");

        Assert.True(report.Succeeded, report.Errors);
        Assert.Equal("tiktok", platform);
        Assert.Equal(["7343123456789012481", "7343987654321098752", "7344555666777888999"], posts.Select(p => p.PlatformPostId));
        var first = posts[0];
        Assert.Equal(MediaType.Video, first.MediaType);
        Assert.Equal(new DateTime(2024, 3, 4, 18, 2, 11, DateTimeKind.Utc), first.PublishedUtc);
        Assert.Equal((21_400L, 389L, 1_200L, 2_900L), (first.Likes, first.Comments, first.Shares!.Value, first.Saves!.Value));
        Assert.Equal((184_300L, 151_200L, 1_100L), (first.VideoViews!.Value, first.Reach!.Value, first.FollowersGained!.Value));
        Assert.Equal(12.6, first.DurationSeconds!.Value, 6);
        Assert.Equal(148 * 3600 + 12 * 60 + 5, first.WatchTimeSeconds!.Value, 6);
        Assert.Equal(2.9, first.AverageViewSeconds!.Value, 6);
        Assert.All(posts, p => Assert.Null(p.Impressions));
        Assert.Contains(report.Warnings, w => w.Contains("Watched full video", StringComparison.Ordinal));
    }

    [Fact]
    public async Task YouTube_TotalsRowSkipped_WatchHoursToSeconds_NetSubscribersMayBeNegative()
    {
        var (report, posts, platform) = await ImportSampleAsync("youtube_studio_table_data.csv");

        Assert.True(report.Succeeded, report.Errors);
        Assert.Equal("youtube", platform);
        Assert.Equal(3, posts.Count);
        Assert.DoesNotContain(posts, p => p.PlatformPostId == "Total");
        Assert.Contains(report.Warnings, w => w.Contains("line 2: a totals row", StringComparison.Ordinal));
        var roast = posts[0];
        Assert.Equal("dQw4w9WgXcQ", roast.PlatformPostId);
        Assert.Equal("How we roast our beans (full process)", roast.Caption);
        Assert.Equal(new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc), roast.PublishedUtc);
        Assert.Equal(MediaType.Video, roast.MediaType);
        Assert.Equal((41_230L, 512_004L, 1_830L, 151L, 212L), (roast.VideoViews!.Value, roast.Impressions!.Value, roast.Likes, roast.Comments, roast.Shares!.Value));
        Assert.Equal(1561.2040 * 3600, roast.WatchTimeSeconds!.Value, 3);
        Assert.Equal(136, roast.AverageViewSeconds);
        Assert.Equal(22.3, roast.AverageViewedPercent);
        Assert.Equal(612, roast.DurationSeconds);
        Assert.Equal(-5, posts[2].FollowersGained);
        Assert.All(posts, p => Assert.Null(p.Saves));
    }

    [Fact]
    public async Task LinkedIn_DescriptionLineAboveHeader_ContentTypeIsTheFormat_IdFromActivityUrn()
    {
        var (report, posts, platform) = await ImportSampleAsync("linkedin_page_updates.csv");

        Assert.True(report.Succeeded, report.Errors);
        Assert.Equal("linkedin", platform);
        Assert.Contains(report.Warnings, w => w.Contains("line(s) 1 above the header skipped", StringComparison.Ordinal));
        Assert.Equal(["7170012345678901234", "7171023456789012345", "7172034567890123456"], posts.Select(p => p.PlatformPostId));
        Assert.Equal((MediaType.Image, MediaType.Image, MediaType.Video), (posts[0].MediaType, posts[1].MediaType, posts[2].MediaType));
        var report2023 = posts[1];
        Assert.Equal(new DateTime(2024, 3, 7, 0, 0, 0, DateTimeKind.Utc), report2023.PublishedUtc);
        Assert.Equal((241L, 33L, 27L, 9_876L, 41L), (report2023.Likes, report2023.Comments, report2023.Shares!.Value, report2023.Impressions!.Value, report2023.FollowersGained!.Value));
        Assert.Null(report2023.VideoViews);
        Assert.Equal(2_104, posts[2].VideoViews);
        Assert.All(posts, p => Assert.Null(p.Saves));
        Assert.All(posts, p => Assert.Null(p.Reach));
    }

    [Fact]
    public async Task X_RetweetsAreShares_RepliesAreComments_TimesWithOffset()
    {
        var (report, posts, platform) = await ImportSampleAsync("x_tweet_activity_metrics.csv");

        Assert.True(report.Succeeded, report.Errors);
        Assert.Equal("x", platform);
        var latte = posts[1];
        Assert.Equal("1765734567890123776", latte.PlatformPostId);
        Assert.Equal(new DateTime(2024, 3, 6, 17, 45, 0, DateTimeKind.Utc), latte.PublishedUtc);
        Assert.Equal((512L, 31L, 77L, 18_400L, 6_340L, 11L), (latte.Likes, latte.Comments, latte.Shares!.Value, latte.Impressions!.Value, latte.VideoViews!.Value, latte.FollowersGained!.Value));
        Assert.Null(posts[2].VideoViews);
        Assert.All(posts, p => Assert.Null(p.Saves));
    }

    [Fact]
    public async Task ChosenPlatform_ReadsAGenericHeaderWithThatPlatformsMeaning()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var profile = await db.CreateProfileAsync();
        // "Views" is impressions by default (Instagram's meaning) but video views on YouTube.
        using var stream = new MemoryStream("Video ID,Publish time,Views,Likes,Comments\nabc,2024-03-01T10:00:00Z,900,40,3\n"u8.ToArray());

        var report = await db.Import.ImportFileAsync(profile, "videos.csv", stream, platform: "youtube");

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        await using var context = db.NewContext();
        var post = await context.Posts.SingleAsync(p => p.ProfileId == profile);
        Assert.Equal((900L, (long?)null, MediaType.Video), (post.VideoViews!.Value, post.Impressions, post.MediaType));
        Assert.Equal("youtube", await context.Profiles.Where(p => p.Id == profile).Select(p => p.Platform).SingleAsync());
    }

    [Fact]
    public async Task AnotherPlatformsExport_IntoAProfileWithPosts_IsRefusedAndNothingWritten()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var profile = await db.CreateProfileAsync();
        using (var instagram = new MemoryStream(Sample("instagram_meta_business_suite.csv")))
            Assert.True((await db.Import.ImportFileAsync(profile, "ig.csv", instagram)).Succeeded);

        using var tiktok = new MemoryStream(Sample("tiktok_studio_content.csv"));
        var report = await db.Import.ImportFileAsync(profile, "tiktok.csv", tiktok);

        Assert.False(report.Succeeded);
        var error = Assert.Single(report.Errors);
        Assert.Equal(("tiktok.csv", 1L), (error.File, error.Line));
        Assert.Contains("TikTok export", error.Reason, StringComparison.Ordinal);
        Assert.Contains("Instagram posts", error.Reason, StringComparison.Ordinal);
        await using var context = db.NewContext();
        Assert.Equal(3, await context.Posts.CountAsync(p => p.ProfileId == profile));
    }

    [Fact]
    public async Task BadValues_InAPlatformExport_NameFileLineColumnAndReason()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var profile = await db.CreateProfileAsync();
        var csv = "Video title,Video link,Post time,Duration,Total views,Total likes,Total comments,Total shares,Add to Favorites\n" +
            "ok,https://www.tiktok.com/@a/video/1,2024-03-04 18:02:11,12.6s,100,10,1,0,0\n" +
            "bad,https://www.tiktok.com/@a/video/2,2024-03-05 18:02:11,twelve,100,4.5%,1,0,0\n" +
            "no id,,2024-03-06 18:02:11,10s,100,10,1,0,0\n";

        var report = await db.ImportTextAsync(profile, "tiktok.csv", csv);

        Assert.False(report.Succeeded);
        Assert.Contains(report.Errors, e => e is { Line: 3, Column: "Duration" } && e.Reason.Contains("not a duration", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e is { Line: 3, Column: "Total likes" } && e.Reason.Contains("is a percentage, not a count", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e is { Line: 4, Column: "Video link" } && e.Reason.Contains("no post id", StringComparison.Ordinal));
        await using var context = db.NewContext();
        Assert.Equal(0, await context.Posts.CountAsync(p => p.ProfileId == profile));
    }

    [Fact]
    public async Task UnknownPlatform_IsAClearError()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var profile = await db.CreateProfileAsync();
        using var stream = new MemoryStream(Sample("x_tweet_activity_metrics.csv"));

        var report = await db.Import.ImportFileAsync(profile, "x.csv", stream, platform: "myspace");

        Assert.Contains("'myspace' is not a platform", Assert.Single(report.Errors).Reason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => db.Import.EnsureProfileAsync("other", "myspace"));
    }
}
