using Insights.Analytics.Annotations;
using Insights.Analytics.Engagement;
using Insights.Analytics.Profiles;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Tests.Engagement;

/// <summary>
/// Hours and weekdays are read on the profile's clock: the by-label time of day, weekday and weekday/weekend, and the
/// drivers model's hour and weekday. Africa/Johannesburg is UTC+2 all year (no daylight saving time).
/// </summary>
public sealed class ProfileClockTests
{
    private const string UtcPlusTwo = "Africa/Johannesburg";

    // p1 goes out on Sunday 7 Jan 2024 at 23:30 UTC: in a UTC+2 profile, Monday at 01:30.
    private const string Posts = "post_id,published_at,likes,comments\np1,2024-01-07T23:30:00Z,10,1\np2,2024-01-03T12:00:00Z,20,2\np3,2024-01-04T12:00:00Z,30,3\n";

    [Fact]
    public async Task ALateSundayEveningPostInUtc_IsAMondayNightPost_InAUtcPlusTwoProfile()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var brand = await db.CreateProfileAsync("brand");
        await db.ImportTextAsync(brand, "posts.csv", Posts);
        var engagement = db.Services.GetRequiredService<EngagementService>();

        // The configured zone (Import:TimeZone, UTC here) until the profile has its own.
        Assert.Equal(("sunday", "weekend", "18-23", 23f), Read(await engagement.LoadPostsAsync(brand), engagement.Options));

        Assert.Null(await db.Services.GetRequiredService<ProfileEditor>().SetTimeZoneAsync(brand, UtcPlusTwo));
        var posts = await engagement.LoadPostsAsync(brand);

        var p1 = posts.Single(p => p.PublishedUtc.Day == 7);
        Assert.Equal(new DateTime(2024, 1, 7, 23, 30, 0), p1.PublishedUtc);
        Assert.Equal(new DateTime(2024, 1, 8, 1, 30, 0), p1.PublishedClock);
        Assert.Equal(("monday", "weekday", "00-05", 1f), Read(posts, engagement.Options));
    }

    [Fact]
    public async Task ChangingTheProfilesZone_ChangesItsLabelStamp_AndOnlyItsOwn()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var brand = await db.CreateProfileAsync("brand");
        var other = await db.CreateProfileAsync("other");
        var store = db.Services.GetRequiredService<AnnotationStore>();
        var editor = db.Services.GetRequiredService<ProfileEditor>();
        var (brand0, other0) = (await store.StampAsync(brand), await store.StampAsync(other));

        Assert.Null(await editor.SetTimeZoneAsync(brand, UtcPlusTwo));
        var brand1 = await store.StampAsync(brand);
        Assert.NotEqual(brand0, brand1);
        Assert.Equal(other0, await store.StampAsync(other));
        Assert.Equal(UtcPlusTwo, (await store.StampPartsAsync(brand)).TimeZone);

        Assert.Null(await editor.SetTimeZoneAsync(brand, "Europe/Berlin"));
        Assert.NotEqual(brand1, await store.StampAsync(brand));
        // Back to the configured zone: the stamp is the one it had before (models trained then are fresh again).
        Assert.Null(await editor.SetTimeZoneAsync(brand, null));
        Assert.Equal(brand0, await store.StampAsync(brand));
    }

    // p1's weekday, weekday/weekend and time of day in the by-label tables, and its hour in the drivers model's rows.
    private static (string Weekday, string DayType, string HourBucket, float PublishHour) Read(IReadOnlyList<EngagementPost> posts, EngagementOptions options)
    {
        var index = posts.ToList().FindIndex(p => p.PublishedUtc.Day == 7);
        var columns = LabelCategories.Build(posts, options).ToDictionary(c => c.Category);
        var layout = FeatureLayout.Fit(posts, options);
        var hour = layout.Encode(posts[index])[layout["publish_hour"].Columns[0]];
        return (columns["weekday"].PerPost[index], columns["day_type"].PerPost[index], columns["hour_bucket"].PerPost[index], hour);
    }
}
