using MudBlazor;

namespace Insights.Dashboard.Model;

/// <summary>
/// One page of the Posts table: the grid's column filters and sort applied to the profile's rows, then only the rows
/// the grid asks for. The rows come from the shared, stamp-keyed scores, so a circuit holds a screenful, not the profile.
/// </summary>
public static class PostRowQuery
{
    /// <summary>The rows that pass every filter, in the grid's sort order; <paramref name="rows"/> come newest first, the order kept when it has none.</summary>
    public static List<PostRow> Apply(IEnumerable<PostRow> rows, IEnumerable<IFilterDefinition<PostRow>> filters, IEnumerable<SortDefinition<PostRow>> sorts)
    {
        foreach (var filter in filters)
        {
            var passes = filter.GenerateFilterFunction(new FilterOptions());
            rows = rows.Where(passes);
        }
        IOrderedEnumerable<PostRow>? ordered = null;
        foreach (var sort in sorts.OrderBy(s => s.Index))
        {
            var comparer = sort.Comparer ?? Comparer<object?>.Default;
            ordered = (ordered, sort.Descending) switch
            {
                (null, false) => rows.OrderBy(sort.SortFunc, comparer),
                (null, true) => rows.OrderByDescending(sort.SortFunc, comparer),
                (_, false) => ordered.ThenBy(sort.SortFunc, comparer),
                (_, true) => ordered.ThenByDescending(sort.SortFunc, comparer),
            };
        }
        return (ordered ?? rows).ToList();
    }
}
