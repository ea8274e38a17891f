using System.Text.Json.Serialization;

namespace Insights.Analytics.Engagement;

public enum FeatureKind
{
    Numeric = 0,
    Categorical = 1,
}

/// <summary>
/// One logical feature of the drivers model. A numeric feature is one column (NaN = missing, which
/// LightGBM handles); a categorical one is a one-hot block, one column per value (kept values, "other",
/// "(none)"), so importance and partial dependence treat the block as one feature.
/// </summary>
public sealed record FeatureSpec(string Name, FeatureKind Kind, LabelSource Source, int[] Columns, string[] Values);

/// <summary>
/// The feature vector of the drivers model, fitted on a profile's posts and applied to any post
/// (a draft too): media type, duration, publish hour and weekday (on the profile's clock), caption features, manual
/// labels and automatic labels (top values + other), automatic numbers (visual stats...).
/// </summary>
public sealed class FeatureLayout
{
    [JsonConstructor]
    public FeatureLayout(IReadOnlyList<FeatureSpec> features, int columnCount)
    {
        Features = features;
        ColumnCount = columnCount;
    }

    public IReadOnlyList<FeatureSpec> Features { get; }

    public int ColumnCount { get; }

    [JsonIgnore]
    public IEnumerable<string> ColumnNames => Features.SelectMany(f => f.Kind == FeatureKind.Numeric ? [f.Name] : f.Values.Select(v => $"{f.Name}={v}"));

    public FeatureSpec this[string name] => Features.FirstOrDefault(f => f.Name == name) ?? throw new KeyNotFoundException($"No feature '{name}'.");

    public static FeatureLayout Fit(IReadOnlyList<EngagementPost> posts, EngagementOptions options)
    {
        var specs = new List<FeatureSpec>();
        var next = 0;
        void Numeric(string name, LabelSource source) => specs.Add(new FeatureSpec(name, FeatureKind.Numeric, source, [next++], []));
        void Categorical(string name, LabelSource source, IReadOnlyList<string> values)
        {
            var columns = Enumerable.Range(next, values.Count).ToArray();
            next += values.Count;
            specs.Add(new FeatureSpec(name, FeatureKind.Categorical, source, columns, [.. values]));
        }

        Categorical("media_type", LabelSource.Post, ["image", "carousel", "video"]);
        Numeric("duration_seconds", LabelSource.Post);
        Numeric("publish_hour", LabelSource.Post);
        Categorical("weekday", LabelSource.Post, LabelCategories.Weekdays);
        Numeric("caption_length", LabelSource.Caption);
        Numeric("hashtags", LabelSource.Caption);
        Numeric("mentions", LabelSource.Caption);
        Numeric("emoji", LabelSource.Caption);
        foreach (var category in posts.SelectMany(p => p.ManualLabels.Keys).Distinct().Order(StringComparer.Ordinal))
            Categorical(category, LabelSource.Manual, WithFallbacks(TopValues.Fit(posts.Select(p => p.ManualLabels.GetValueOrDefault(category)), options.MaxValuesPerCategory, options.MinPostsPerValue)));
        foreach (var category in posts.SelectMany(p => p.Automatic?.Categories.Keys ?? []).Distinct().Order(StringComparer.Ordinal))
            Categorical(category, LabelSource.Automatic, WithFallbacks(TopValues.Fit(posts.Select(p => p.Automatic?.Categories.GetValueOrDefault(category)), options.MaxValuesPerCategory, options.MinPostsPerValue)));
        foreach (var name in posts.SelectMany(p => p.Automatic?.Numbers.Keys ?? []).Distinct().Order(StringComparer.Ordinal))
            Numeric(name, LabelSource.Automatic);
        return new FeatureLayout(specs, next);
    }

    // A draft may carry a value the history never had, or none: both need a column.
    private static string[] WithFallbacks(TopValues top) => [.. top.Kept, TopValues.Other, TopValues.None];

    public float[] Encode(EngagementPost post)
    {
        var row = new float[ColumnCount];
        foreach (var f in Features)
        {
            if (f.Kind == FeatureKind.Numeric)
            {
                row[f.Columns[0]] = (float)(NumericValue(f, post) ?? double.NaN);
                continue;
            }
            var value = CategoricalValue(f, post);
            var k = Array.IndexOf(f.Values, value ?? TopValues.None);
            if (k < 0) k = Array.IndexOf(f.Values, TopValues.Other);
            if (k < 0) k = 0;
            row[f.Columns[k]] = 1;
        }
        return row;
    }

    public float[][] Encode(IEnumerable<EngagementPost> posts) => posts.Select(Encode).ToArray();

    /// <summary>Sets a feature of a row: a numeric one to <paramref name="value"/>, a categorical one to the value with index <paramref name="value"/> in its block.</summary>
    public static void Set(float[] row, FeatureSpec feature, double value)
    {
        if (feature.Kind == FeatureKind.Numeric)
        {
            row[feature.Columns[0]] = (float)value;
            return;
        }
        foreach (var c in feature.Columns) row[c] = 0;
        row[feature.Columns[(int)value]] = 1;
    }

    private static double? NumericValue(FeatureSpec f, EngagementPost p) => f.Name switch
    {
        "duration_seconds" when f.Source == LabelSource.Post => p.DurationSeconds,
        "publish_hour" when f.Source == LabelSource.Post => p.PublishedClock.Hour,
        "caption_length" when f.Source == LabelSource.Caption => p.Caption.Length,
        "hashtags" when f.Source == LabelSource.Caption => p.Caption.Hashtags,
        "mentions" when f.Source == LabelSource.Caption => p.Caption.Mentions,
        "emoji" when f.Source == LabelSource.Caption => p.Caption.Emoji,
        _ => p.Automatic?.Numbers.TryGetValue(f.Name, out var v) == true ? v : null,
    };

    private static string? CategoricalValue(FeatureSpec f, EngagementPost p) => f.Source switch
    {
        LabelSource.Post when f.Name == "media_type" => p.MediaType.ToString().ToLowerInvariant(),
        LabelSource.Post when f.Name == "weekday" => LabelCategories.Weekday(p.PublishedClock),
        LabelSource.Manual => p.ManualLabels.GetValueOrDefault(f.Name),
        _ => p.Automatic?.Categories.GetValueOrDefault(f.Name),
    };
}
