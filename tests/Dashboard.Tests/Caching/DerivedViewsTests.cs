using Insights.Dashboard.Caching;

namespace Insights.Dashboard.Tests.Caching;

/// <summary>A view is computed once per source entry and key, dies with its entry, and each entry keeps only its last few keys.</summary>
public class DerivedViewsTests
{
    private sealed class Source;

    private readonly DerivedViews<Source, int, string> _views = new();
    private int _computed;

    private string Compute(Source source, int key)
    {
        Interlocked.Increment(ref _computed);
        return $"view {key} of {source.GetHashCode()}";
    }

    [Fact]
    public void TheSameSourceAndKey_AreComputedOnce_AndAnotherKeyOrSourceComputesAgain()
    {
        var scores = new Source();
        var first = _views.Get(scores, 1, Compute);

        Assert.Same(first, _views.Get(scores, 1, Compute));
        Assert.Equal(1, _computed);
        _views.Get(scores, 2, Compute);
        Assert.Equal(2, _computed);
        // New data comes as a new source object (the cache's entry under a new stamp): nothing of the old one is reused.
        Assert.NotSame(first, _views.Get(new Source(), 1, Compute));
        Assert.Equal(3, _computed);
    }

    [Fact]
    public void EachSource_KeepsItsLastFewKeys_MostRecentlyUsedFirst()
    {
        var scores = new Source();
        for (var key = 0; key < DerivedViews<Source, int, string>.PerSource; key++)
            _views.Get(scores, key, Compute);
        _views.Get(scores, 0, Compute); // used again: key 1 is now the oldest
        _views.Get(scores, 99, Compute);
        Assert.Equal(DerivedViews<Source, int, string>.PerSource + 1, _computed);

        _views.Get(scores, 0, Compute);
        Assert.Equal(DerivedViews<Source, int, string>.PerSource + 1, _computed);
        _views.Get(scores, 1, Compute);
        Assert.Equal(DerivedViews<Source, int, string>.PerSource + 2, _computed);
    }

    [Fact]
    public async Task CallersAskingAtOnce_ShareOneComputation()
    {
        var scores = new Source();
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        string Slow(Source source, int key)
        {
            started.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return Compute(source, key);
        }

        var first = Task.Run(() => _views.Get(scores, 7, Slow));
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        var second = Task.Run(() => _views.Get(scores, 7, Slow));
        await Task.Delay(100);
        release.Set();

        Assert.Same(await first, await second);
        Assert.Equal(1, _computed);
    }

    [Fact]
    public void AFailedComputation_IsNotKept()
    {
        var scores = new Source();
        Assert.Throws<InvalidOperationException>(() => _views.Get(scores, 1, (_, _) => throw new InvalidOperationException("no")));

        Assert.Equal(_views.Get(scores, 1, Compute), _views.Get(scores, 1, Compute));
        Assert.Equal(1, _computed);
    }

    [Fact]
    public void AView_DoesNotKeepItsSourceAlive()
    {
        var weak = AddAndForget();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(weak.TryGetTarget(out _));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private WeakReference<Source> AddAndForget()
    {
        var scores = new Source();
        _views.Get(scores, 1, Compute);
        return new WeakReference<Source>(scores);
    }
}
