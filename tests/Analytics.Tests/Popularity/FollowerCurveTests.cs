using Insights.Analytics.Popularity;

namespace Insights.Analytics.Tests.Popularity;

public class FollowerCurveTests
{
    private static readonly FollowerCurve Curve = new([
        (new DateOnly(2024, 3, 11), 3_000),
        (new DateOnly(2024, 3, 1), 1_000),   // out of order on purpose
        (new DateOnly(2024, 6, 9), 3_000),
    ]);

    [Fact]
    public void Between_Snapshots_FollowersAreInterpolatedLinearly()
    {
        var followers = Curve.At(new DateTime(2024, 3, 6, 0, 0, 0, DateTimeKind.Utc), out var extrapolated);

        Assert.Equal(2_000, followers, 9);
        Assert.False(extrapolated);
    }

    [Fact]
    public void Interpolation_UsesTheTimeOfDay()
    {
        var followers = Curve.At(new DateTime(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc), out var extrapolated);

        Assert.Equal(1_100, followers, 9);
        Assert.False(extrapolated);
    }

    [Fact]
    public void OnASnapshotDay_TheSnapshotIsTaken()
    {
        Assert.Equal(3_000, Curve.At(new DateTime(2024, 3, 11, 0, 0, 0, DateTimeKind.Utc), out var extrapolated));
        Assert.False(extrapolated);
    }

    [Fact]
    public void BeforeTheFirstSnapshot_TheFirstIsHeld_AndFlaggedExtrapolated()
    {
        var followers = Curve.At(new DateTime(2023, 1, 1, 8, 0, 0, DateTimeKind.Utc), out var extrapolated);

        Assert.Equal(1_000, followers);
        Assert.True(extrapolated);
    }

    [Fact]
    public void AtTheFirstSnapshotMoment_IsNotExtrapolated()
    {
        Assert.Equal(1_000, Curve.At(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), out var extrapolated));
        Assert.False(extrapolated);
    }

    [Fact]
    public void AfterTheLastSnapshot_TheLastIsHeld_AndFlaggedExtrapolated()
    {
        var followers = Curve.At(new DateTime(2025, 2, 1, 0, 0, 0, DateTimeKind.Utc), out var extrapolated);

        Assert.Equal(3_000, followers);
        Assert.True(extrapolated);
        Assert.Equal(3_000, Curve.At(new DateTime(2024, 6, 9, 0, 0, 0, DateTimeKind.Utc), out var atLast));
        Assert.False(atLast);
    }

    [Fact]
    public void WithoutSnapshots_FollowersAreNaN()
    {
        var empty = new FollowerCurve([]);

        Assert.True(empty.IsEmpty);
        Assert.True(double.IsNaN(empty.At(DateTime.UtcNow, out var extrapolated)));
        Assert.True(extrapolated);
    }

    [Fact]
    public void ASingleSnapshot_IsHeldEverywhere()
    {
        var single = new FollowerCurve([(new DateOnly(2024, 1, 1), 500)]);

        Assert.Equal(500, single.At(new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc), out var before));
        Assert.Equal(500, single.At(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), out var after));
        Assert.True(before);
        Assert.True(after);
    }
}
