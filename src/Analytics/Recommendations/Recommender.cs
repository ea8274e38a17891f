using Insights.Analytics.Engagement;
using Insights.Analytics.Statistics;

namespace Insights.Analytics.Recommendations;

/// <summary>
/// Ranks the profile's controllable choices by the lower bound of their lift. With a drivers model the lift is the
/// model's partial dependence: its mean prediction with the choice made on every row, over its mean with the other
/// choices (as often as the profile made them), so a choice is judged with the other features held as they were.
/// Where the model shows an interaction between two of the strongest features, their pairs are offered too.
/// The interval of a predicted lift is that of a difference of two group means of the model's residual spread
/// (σ² = var(ln rate) × (1 − cross-validated R²)), σ·√(1/n + 1/n_other), widened for the number of choices tested
/// (Bonferroni), so a choice backed by 6 posts does not outrank one backed by 300 and a chance winner among many is
/// not suggested. Without a model the observed lift (median ratio, bootstrap interval) ranks instead. The observed
/// lift is always given beside. The rate is the Labels page's (PoR or ER, detrended by the rolling median). Seeded.
/// </summary>
public static class Recommender
{
    private sealed record Candidate(string Feature, string Value, ControllableFeature[] Parts, string[] Values, int[] With, int[] Without)
    {
        public double Contrast { get; set; } = double.NaN;
    }

    public static RecommendationResult Compute(IReadOnlyList<EngagementPost> posts, TimeZoneInfo zone, EngagementOptions engagement, RecommendationOptions options, DriversModel? model = null)
    {
        var target = EngagementTarget.Compute(posts, engagement);
        var present = Enumerable.Range(0, posts.Count).Where(i => !double.IsNaN(target.Values[i])).ToArray();
        var features = ControllableFeatures.For(posts, zone);
        var valued = features.Select(f => present.Select(i => (Index: i, Value: f.ValueOf(posts[i]))).Where(v => v.Value is not null)
            .GroupBy(v => v.Value!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(v => v.Index).ToArray(), StringComparer.Ordinal)).ToArray();

        var candidates = new List<Candidate>();
        for (var f = 0; f < features.Count; f++)
        {
            var eligible = valued[f].Where(g => g.Value.Length >= options.MinPosts).ToList();
            // A choice needs an alternative with enough posts to be compared with.
            if (eligible.Count < 2)
                continue;
            foreach (var (value, with) in eligible)
                candidates.Add(new(features[f].Name, value, [features[f]], [value], with, valued[f].Where(g => g.Key != value).SelectMany(g => g.Value).ToArray()));
        }

        var interactions = new List<Interaction>();
        var predicted = model is not null && features.All(f => model.Layout.Features.Any(s => s.Name == f.ModelFeature));
        if (predicted)
            PredictContrasts(model!, posts, features, valued, candidates, interactions, options, engagement.Seed);

        var level = 1 - (1 - options.Level) / Math.Max(1, candidates.Count);
        var random = new Random(engagement.Seed);
        var sigma = predicted ? ResidualSigma(present.Select(i => Math.Log(target.Values[i])).ToArray(), model!.Metrics.CrossValidatedR2) : double.NaN;
        var z = StandardNormal.Quantile(1 - (1 - level) / 2);
        // Without a model the observed interval decides, at the widened level: enough resamples that its tail rests on about ten draws.
        var resamples = predicted ? engagement.BootstrapResamples : (int)Math.Clamp(20 / (1 - level), engagement.BootstrapResamples, 20_000);
        // The posts ranked by their rate once (ties by position, as a stable sort leaves them); each candidate's groups
        // are then read off in order in one pass, instead of four sorts of up to every post per candidate.
        var ascending = present.OrderBy(i => target.Values[i]).ToArray();
        var descending = present.OrderByDescending(i => target.Values[i]).ToArray();
        var member = new bool[posts.Count];
        var scored = candidates.Where(c => !predicted || double.IsFinite(c.Contrast)).Select(c =>
        {
            foreach (var i in c.With)
                member[i] = true;
            var (with, without) = Split(ascending, c.With.Length, c.Without, member, target.Values);
            var worst = ascending.Where(i => member[i]).Take(options.Examples).Select(i => posts[i].PostId).ToList();
            var best = descending.Where(i => member[i]).Take(options.Examples).Select(i => posts[i].PostId).ToList();
            foreach (var i in c.With)
                member[i] = false;
            var observed = MedianRatio.Interval(with, without, resamples, predicted ? engagement.IntervalLevel : level, random);
            var (lift, low, high) = predicted ? Predicted(c.Contrast, sigma * Math.Sqrt(1.0 / with.Length + 1.0 / without.Length), z) : observed;
            var item = new Recommendation(c.Feature, c.Value, "", predicted ? lift : null, low, high, with.Length, best, observed.Ratio, observed.Low, observed.High);
            return (Candidate: c, Item: item, Worst: worst);
        }).ToList();

        var suggestions = scored.Where(s => s.Item.Low > 1).GroupBy(s => s.Item.Feature)
            .Select(g => g.MaxBy(s => s.Item.Low)).OrderByDescending(s => s.Item.Low).Take(options.MaxItems)
            .Select(s => s.Item with { Advice = Advice(s.Candidate, avoid: false) }).ToList();
        var avoid = scored.Where(s => s.Item.High < 1).GroupBy(s => s.Item.Feature)
            .Select(g => g.MinBy(s => s.Item.High)).OrderBy(s => s.Item.High).Take(options.MaxItems)
            .Select(s => s.Item with { Advice = Advice(s.Candidate, avoid: true), Examples = s.Worst }).ToList();
        var r2 = predicted && double.IsFinite(model!.Metrics.CrossValidatedR2) ? model.Metrics.CrossValidatedR2 : (double?)null;
        return new RecommendationResult(target.Describe(), present.Length, candidates.Count, level, options.MinPosts,
            predicted ? RecommendationBasis.Model : RecommendationBasis.Observed, r2, interactions, suggestions, avoid);
    }

    /// <summary>The rates of the marked posts and of the <paramref name="without"/> posts, each ascending, from the posts in ascending order of rate.</summary>
    private static (double[] With, double[] Without) Split(int[] ascending, int withCount, int[] without, bool[] member, double[] values)
    {
        var other = new bool[member.Length];
        foreach (var i in without)
            other[i] = true;
        var with = new double[withCount];
        var rest = new double[without.Length];
        int w = 0, o = 0;
        foreach (var i in ascending)
        {
            if (member[i])
                with[w++] = values[i];
            else if (other[i])
                rest[o++] = values[i];
        }
        return (with, rest);
    }

    private static (double Ratio, double Low, double High) Predicted(double contrast, double se, double z) =>
        (Math.Exp(contrast), Math.Exp(contrast - z * se), Math.Exp(contrast + z * se));

    /// <summary>The spread of ln(rate) the model leaves unexplained; all of it where the model has no validated R².</summary>
    private static double ResidualSigma(double[] logs, double r2)
    {
        var mean = logs.Average();
        var variance = logs.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, logs.Length - 1);
        var explained = double.IsFinite(r2) ? Math.Clamp(r2, 0, 1) : 0;
        return Math.Sqrt(variance * (1 - explained));
    }

    /// <summary>
    /// Sets each candidate's contrast (log lift) from partial dependence, then looks for interactions among the three
    /// strongest features, and adds their pairs as candidates where the pair does better
    /// than either of its parts alone.
    /// </summary>
    private static void PredictContrasts(DriversModel model, IReadOnlyList<EngagementPost> posts, IReadOnlyList<ControllableFeature> features,
        Dictionary<string, int[]>[] valued, List<Candidate> candidates, List<Interaction> interactions, RecommendationOptions options, int seed)
    {
        var encoded = new float[posts.Count][];
        foreach (var index in valued.SelectMany(v => v.Values).SelectMany(i => i).Distinct())
            encoded[index] = model.Layout.Encode(posts[index]);
        var averages = new ModelAverages(model, encoded, options.BackgroundRows, options.SettingsPerValue, seed);
        var requests = features.Select((f, k) => valued[k].ToDictionary(g => g.Key, g => averages.Add([model.Layout[f.ModelFeature]], g.Value), StringComparer.Ordinal)).ToArray();
        var means = averages.Run();
        var single = new Dictionary<(string, string), double>();
        var spread = new List<(int Feature, double Range)>();
        var pds = new Dictionary<string, double>[features.Count];
        for (var f = 0; f < features.Count; f++)
        {
            var pd = pds[f] = valued[f].ToDictionary(g => g.Key, g => means[requests[f][g.Key]], StringComparer.Ordinal);
            foreach (var c in candidates.Where(c => c.Parts.Length == 1 && c.Parts[0] == features[f]))
            {
                c.Contrast = pd[c.Value] - WeightedMean(valued[f].Where(g => g.Key != c.Value).Select(g => (pd[g.Key], g.Value.Length)));
                single[(c.Feature, c.Value)] = c.Contrast;
            }
            var eligible = valued[f].Where(g => g.Value.Length >= options.MinPosts && double.IsFinite(pd[g.Key])).Select(g => pd[g.Key]).ToList();
            if (eligible.Count >= 2)
                spread.Add((f, eligible.Max() - eligible.Min()));
        }

        // Interactions are looked for among the features the model leans on most (permutation importance, which counts
        // a feature's part in interactions too), or, without validation figures, whose values it separates most.
        var importance = model.Metrics.Importances.ToDictionary(i => i.Feature, i => i.MeanDrop);
        var strongest = spread.OrderByDescending(s => importance.Count > 0 ? importance.GetValueOrDefault(features[s.Feature].ModelFeature) : s.Range)
            .Take(3).Select(s => s.Feature).ToArray();
        for (var a = 0; a < strongest.Length; a++)
            for (var b = a + 1; b < strongest.Length; b++)
                AddPairs(model, encoded, features[strongest[a]], features[strongest[b]], valued[strongest[a]], valued[strongest[b]], pds[strongest[a]], pds[strongest[b]],
                    single, candidates, interactions, options, seed);
    }

    private static void AddPairs(DriversModel model, float[][] encoded, ControllableFeature first, ControllableFeature second,
        Dictionary<string, int[]> firstValues, Dictionary<string, int[]> secondValues, Dictionary<string, double> firstPd, Dictionary<string, double> secondPd,
        Dictionary<(string, string), double> single,
        List<Candidate> candidates, List<Interaction> interactions, RecommendationOptions options, int seed)
    {
        var cells = new List<(string A, string B, int[] Posts)>();
        foreach (var (a, withA) in firstValues)
        {
            var setA = withA.ToHashSet();
            foreach (var (b, withB) in secondValues)
            {
                var both = withB.Where(setA.Contains).ToArray();
                if (both.Length >= options.MinPosts)
                    cells.Add((a, b, both));
            }
        }
        if (cells.Count < 4)
            return;
        var averages = new ModelAverages(model, encoded, options.BackgroundRows, options.SettingsPerValue, seed);
        var requests = cells.Select(c => averages.Add([model.Layout[first.ModelFeature], model.Layout[second.ModelFeature]], c.Posts)).ToArray();
        var means = averages.Run();
        var joint = requests.Select(r => means[r]).ToArray();
        // Each feature's own partial dependence is the one already computed for its values (same rows, same settings).
        var onlyA = cells.Select(c => firstPd[c.A]).ToArray();
        var onlyB = cells.Select(c => secondPd[c.B]).ToArray();
        var weights = cells.Select(c => (double)c.Posts.Length).ToArray();
        double Centre(double[] values, int k) => values[k] - WeightedMean(values.Select((v, i) => (v, (int)weights[i])));
        double residual = 0, total = 0;
        for (var k = 0; k < cells.Count; k++)
        {
            var pair = Centre(joint, k);
            var rest = pair - Centre(onlyA, k) - Centre(onlyB, k);
            residual += weights[k] * rest * rest;
            total += weights[k] * pair * pair;
        }
        var h2 = total > 0 ? residual / total : 0;
        if (!double.IsFinite(h2) || h2 < options.InteractionShare)
            return;
        interactions.Add(new Interaction(first.Name, second.Name, h2));
        var everyone = cells.SelectMany(c => c.Posts).ToArray();
        for (var k = 0; k < cells.Count; k++)
        {
            var contrast = joint[k] - WeightedMean(cells.Select((c, i) => (joint[i], c.Posts.Length)).Where((_, i) => i != k));
            // A pair is worth saying only where it does better than either of its choices alone.
            if (contrast <= Math.Max(single.GetValueOrDefault((first.Name, cells[k].A), double.NegativeInfinity), single.GetValueOrDefault((second.Name, cells[k].B), double.NegativeInfinity)))
                continue;
            var inCell = cells[k].Posts.ToHashSet();
            candidates.Add(new($"{first.Name} + {second.Name}", $"{cells[k].A}, {cells[k].B}", [first, second], [cells[k].A, cells[k].B],
                cells[k].Posts, everyone.Where(i => !inCell.Contains(i)).ToArray()) { Contrast = contrast });
        }
    }

    private static double WeightedMean(IEnumerable<(double Value, int Weight)> values)
    {
        double sum = 0, weight = 0;
        foreach (var (value, w) in values)
        {
            if (!double.IsFinite(value))
                continue;
            sum += value * w;
            weight += w;
        }
        return weight > 0 ? sum / weight : double.NaN;
    }

    private static string Advice(Candidate candidate, bool avoid)
    {
        if (candidate.Parts.Length == 1)
            return Advice(candidate.Feature, candidate.Value, avoid);
        var first = Advice(candidate.Parts[0].Name, candidate.Values[0], avoid);
        var second = Advice(candidate.Parts[1].Name, candidate.Values[1], avoid: false);
        return avoid ? $"{first} together with: {char.ToLowerInvariant(second[0])}{second[1..]}" : $"{first}, and {char.ToLowerInvariant(second[0])}{second[1..]}";
    }

    /// <summary>The choice in plain words, as an instruction.</summary>
    public static string Advice(string feature, string value, bool avoid) => feature switch
    {
        "media type" => avoid ? $"Post fewer {value}s" : $"Post {Article(value)} {value}",
        "time of day" => avoid ? $"Avoid publishing between {value}" : $"Publish between {value}",
        "weekday" => avoid ? $"Avoid publishing on {value}" : $"Publish on {value}",
        "hashtags" => avoid ? $"Avoid using {value} hashtags" : $"Use {value} hashtags",
        "caption length" => value == "none" ? (avoid ? "Avoid posting without a caption" : "Post without a caption") : (avoid ? $"Avoid captions of {value}" : $"Write captions of {value}"),
        "video duration" => avoid ? $"Avoid videos of {value}" : $"Keep videos {value}",
        _ when feature.StartsWith("label: ", StringComparison.Ordinal) => $"{(avoid ? "Avoid" : "Choose")} {feature[7..]} '{value}'",
        _ => $"{(avoid ? "Avoid pictures" : "Pictures")} with {feature.Replace('_', ' ')} = {value}",
    };

    private static string Article(string word) => "aeiou".Contains(word[0]) ? "an" : "a";
}
