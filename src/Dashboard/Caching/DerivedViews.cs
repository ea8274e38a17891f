using System.Runtime.CompilerServices;

namespace Insights.Dashboard.Caching;

/// <summary>
/// What a page computes from one shared cache entry (a profile's scores) for a date range or view, kept exactly as long
/// as that entry lives: when the entry is replaced under a new stamp or evicted, its views go with it, so a view can never
/// outlive the data it was computed from. Each entry keeps the views of its last <see cref="PerSource"/> keys, so what
/// URLs ask for cannot grow it. The prerender and the live render of a visit, and every other circuit, share one view.
/// </summary>
public sealed class DerivedViews<TSource, TKey, TView>
    where TSource : class where TKey : notnull where TView : class
{
    /// <summary>Views kept per source entry, most recently used first.</summary>
    public const int PerSource = 4;

    private readonly ConditionalWeakTable<TSource, Recent> _bySource = new();

    /// <summary>The view of <paramref name="source"/> for <paramref name="key"/>, computed on the first ask.</summary>
    public TView Get(TSource source, TKey key, Func<TSource, TKey, TView> compute) =>
        _bySource.GetValue(source, _ => new Recent()).Get(key, () => compute(source, key));

    private sealed class Recent
    {
        private readonly List<(TKey Key, Lazy<TView> View)> _views = [];

        public TView Get(TKey key, Func<TView> compute)
        {
            Lazy<TView> view;
            lock (_views)
            {
                var index = _views.FindIndex(v => EqualityComparer<TKey>.Default.Equals(v.Key, key));
                if (index >= 0)
                {
                    view = _views[index].View;
                    _views.RemoveAt(index);
                }
                else
                {
                    // Computed outside the lock, once: a second caller for the same key waits on the same Lazy.
                    view = new Lazy<TView>(compute, LazyThreadSafetyMode.ExecutionAndPublication);
                    if (_views.Count == PerSource)
                        _views.RemoveAt(_views.Count - 1);
                }
                _views.Insert(0, (key, view));
            }
            try
            {
                return view.Value;
            }
            catch
            {
                // A Lazy keeps its exception; the next ask computes again instead.
                lock (_views)
                    _views.RemoveAll(v => ReferenceEquals(v.View, view));
                throw;
            }
        }
    }
}
