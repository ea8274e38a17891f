using Insights.Dashboard.Drivers;
using Insights.Dashboard.Model;

namespace Insights.Dashboard.Tests.Model;

public class ContentMapModelTests
{
    private static MapPost Post(long id, double? rate) => new(id, $"P{id}", id, -id, rate, 1, "image", new DateTime(2024, 1, 1), null, "");

    [Fact]
    public void Selection_GivesN_TheMedianWithAnIntervalAroundIt_AndTheLiftAgainstTheProfile()
    {
        var posts = Enumerable.Range(1, 40).Select(i => Post(i, i <= 20 ? 0.02 + i * 0.001 : 0.01)).ToList();
        var map = new ContentMapFigure(1, "s", DateTime.UtcNow, posts.Count, 30, 1, posts.Select(p => new MapPoint(p.PostId, p.X, p.Y)).ToList());
        var model = new ContentMapModel(map, posts, true, 3, 0.015);

        var selection = model.Select(posts.Take(20).Append(Post(99, null)));

        Assert.Equal(21, selection.Posts);
        Assert.Equal(20, selection.WithRate);
        Assert.Equal(0.0305, selection.Median, 6);
        Assert.True(selection.Low <= selection.Median && selection.Median <= selection.High);
        Assert.Equal(0.0305 / 0.015, selection.Lift, 6);
        Assert.Equal(selection, model.Select(posts.Take(20).Append(Post(99, null))));
        Assert.True(double.IsNaN(model.Select([Post(98, null)]).Median));
    }
}
