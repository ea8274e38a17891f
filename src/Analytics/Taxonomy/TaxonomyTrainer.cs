using System.Diagnostics;
using Insights.Analytics.Classification;

namespace Insights.Analytics.Taxonomy;

/// <summary>
/// Learns one manual label category from the posts a person labelled: values with enough posts get a one-vs-rest
/// logistic head on image embedding plus caption TF-IDF; stratified k-fold cross-validation, repeated with new folds,
/// scores a top-k rule and a per-value threshold rule (each tuned on the other folds' out-of-fold scores, never on the
/// fold it is scored on) beside the majority baseline, and picks the rule to apply.
/// </summary>
public static class TaxonomyTrainer
{
    /// <summary>Whether a category has enough labelled posts and at least one value common enough to learn.</summary>
    public static bool CanLearn(IReadOnlyList<TaxonomyPost> posts, TaxonomyOptions options, out string reason)
    {
        var labelled = posts.Count(p => p.Values.Count > 0);
        if (labelled < options.MinPosts)
        {
            reason = $"{labelled} labelled post(s); at least {options.MinPosts} are needed.";
            return false;
        }
        var common = posts.SelectMany(p => p.Values.Distinct()).CountBy(v => v).Count(c => c.Value >= options.MinValuePosts);
        if (common == 0)
        {
            reason = $"No value is on {options.MinValuePosts} or more posts.";
            return false;
        }
        reason = "";
        return true;
    }

    /// <param name="posts">Every post of the profile; those without a value of the category are not trained on.</param>
    /// <param name="progress">Called with (fits done, fits in all).</param>
    public static TaxonomyTrainingResult Train(string category, IReadOnlyList<TaxonomyPost> posts, TaxonomyOptions options,
        Action<int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!CanLearn(posts, options, out var reason))
            throw new InvalidOperationException($"Category '{category}' cannot be learned: {reason}");
        var watch = Stopwatch.StartNew();
        var labelled = posts.Where(p => p.Values.Count > 0).ToList();
        var counts = labelled.SelectMany(p => p.Values.Distinct()).CountBy(v => v).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        var values = counts.Where(c => c.Value >= options.MinValuePosts).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key).ToList();
        var rare = counts.Where(c => c.Value < options.MinValuePosts).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new ValueCount(c.Key, c.Value)).ToList();
        var index = values.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal);
        var n = labelled.Count;
        var V = values.Count;
        var truth = labelled.Select(p =>
        {
            var row = new bool[V];
            foreach (var value in p.Values)
                if (index.TryGetValue(value, out var v)) row[v] = true;
            return row;
        }).ToArray();

        // Stratify on each post's rarest learned value, so every fold sees every value.
        var strata = truth.Select(row => Enumerable.Range(0, V).Where(v => row[v]).Select(v => (int?)v).LastOrDefault() ?? V).ToArray();
        var folds = options.Folds;
        var repeats = options.Repeats;
        var assignments = Enumerable.Range(0, repeats).Select(r => ClassifierTrainer.StratifiedFolds(strata, folds, options.Seed + r)).ToArray();
        var oof = Enumerable.Range(0, repeats).Select(_ => new float[n][]).ToArray();
        var priors = Enumerable.Range(0, repeats).Select(_ => new float[n][]).ToArray();
        var total = repeats * folds + 1;
        var done = 0;
        MultiLabelHead? final = null;
        var jobs = Enumerable.Range(0, repeats * folds).Select(i => (int?)i).Append(null).ToArray();
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.ForEach(jobs, parallel, job =>
        {
            if (job is not { } j)
            {
                final = Fit(category, values, labelled, truth, options, cancellationToken);
                progress?.Invoke(Interlocked.Increment(ref done), total);
                return;
            }
            var (repeat, fold) = (j / folds, j % folds);
            var train = Enumerable.Range(0, n).Where(i => assignments[repeat][i] != fold).ToArray();
            var test = Enumerable.Range(0, n).Where(i => assignments[repeat][i] == fold).ToArray();
            var head = Fit(category, values, train.Select(i => labelled[i]).ToList(), train.Select(i => truth[i]).ToArray(), options, cancellationToken);
            // The baseline knows only how common each value is in the training folds.
            var prior = Enumerable.Range(0, V).Select(v => train.Count(i => truth[i][v]) / (float)train.Length).ToArray();
            var encoded = EncodedPosts.From(head.Features, test.Select(i => labelled[i]).ToList());
            for (var t = 0; t < test.Length; t++)
            {
                oof[repeat][test[t]] = head.Probabilities(encoded.Row(t), encoded.Terms[t]);
                priors[repeat][test[t]] = prior;
            }
            progress?.Invoke(Interlocked.Increment(ref done), total);
        });

        var maxK = Math.Min(Math.Min(options.MaxTopK, V), Math.Max(1, truth.Max(row => row.Count(x => x))));
        var topK = new Tally[repeats];
        var threshold = new Tally[repeats];
        var baselineTopK = new Tally[repeats];
        var baselineThreshold = new Tally[repeats];
        for (var r = 0; r < repeats; r++)
        {
            topK[r] = new Tally(V);
            threshold[r] = new Tally(V);
            baselineTopK[r] = new Tally(V);
            baselineThreshold[r] = new Tally(V);
            for (var f = 0; f < folds; f++)
            {
                var rr = r;
                var ff = f;
                var others = Enumerable.Range(0, n).Where(i => assignments[rr][i] != ff).Select(i => (Scores: oof[rr][i], Truth: truth[i])).ToList();
                var k = BestK(others, maxK);
                var cuts = BestThresholds(others, V);
                var othersPrior = Enumerable.Range(0, n).Where(i => assignments[rr][i] != ff).Select(i => (Scores: priors[rr][i], Truth: truth[i])).ToList();
                var priorK = BestK(othersPrior, maxK);
                var priorCuts = BestThresholds(othersPrior, V);
                foreach (var i in Enumerable.Range(0, n).Where(i => assignments[rr][i] == ff))
                {
                    topK[r].Add(MultiLabelHead.Apply(oof[r][i], SuggestionRule.TopK, k, cuts), truth[i]);
                    threshold[r].Add(MultiLabelHead.Apply(oof[r][i], SuggestionRule.Threshold, k, cuts), truth[i]);
                    baselineTopK[r].Add(MultiLabelHead.Apply(priors[r][i], SuggestionRule.TopK, priorK, priorCuts), truth[i]);
                    baselineThreshold[r].Add(MultiLabelHead.Apply(priors[r][i], SuggestionRule.Threshold, priorK, priorCuts), truth[i]);
                }
            }
        }
        var topKScore = Score(topK);
        var thresholdScore = Score(threshold);
        var rule = thresholdScore.MicroF1 > topKScore.MicroF1 + options.ThresholdMargin ? SuggestionRule.Threshold : SuggestionRule.TopK;

        // The served head's k and thresholds are tuned on every out-of-fold score of every repeat.
        var pooled = Enumerable.Range(0, repeats).SelectMany(r => Enumerable.Range(0, n).Select(i => (Scores: oof[r][i], Truth: truth[i]))).ToList();
        var finalK = BestK(pooled, maxK);
        var finalCuts = BestThresholds(pooled, V);
        var served = new MultiLabelHead(category, values, final!.Features, final.WeightsCopy(), final.BiasesCopy(), rule, finalK, finalCuts);

        var chosen = rule == SuggestionRule.TopK ? topK : threshold;
        var perValue = Enumerable.Range(0, V).Select(v =>
        {
            double tp = chosen.Sum(t => t.TruePositives[v]), fp = chosen.Sum(t => t.FalsePositives[v]), fn = chosen.Sum(t => t.FalseNegatives[v]);
            var precision = tp + fp > 0 ? tp / (tp + fp) : 0;
            var recall = tp + fn > 0 ? tp / (tp + fn) : 0;
            var f1 = 2 * tp + fp + fn > 0 ? 2 * tp / (2 * tp + fp + fn) : 0;
            return new ValueValidation(values[v], counts[values[v]], (tp + fp) / repeats, precision, recall, f1, finalCuts[v]);
        }).ToList();
        var confusion = Enumerable.Range(0, V).Select(_ => new int[V]).ToArray();
        for (var i = 0; i < n; i++)
        {
            if (truth[i].Count(x => x) != 1) continue;
            confusion[Array.IndexOf(truth[i], true)][MultiLabelHead.Ranked(oof[0][i]).First()]++;
        }
        var majorityValue = values[Enumerable.Range(0, V).OrderByDescending(v => counts[values[v]]).ThenBy(v => v).First()];
        var validation = new CategoryValidation(category, n, labelled.Count(p => p.Values.Distinct().Count() > 1), folds, repeats, rule, finalK,
            topKScore, thresholdScore, majorityValue, Score(rule == SuggestionRule.TopK ? baselineTopK : baselineThreshold), perValue, rare, confusion, watch.Elapsed.TotalSeconds);
        return new TaxonomyTrainingResult(served, validation);
    }

    private static MultiLabelHead Fit(string category, IReadOnlyList<string> values, IReadOnlyList<TaxonomyPost> posts, bool[][] truth,
        TaxonomyOptions options, CancellationToken cancellationToken)
    {
        var features = TaxonomyFeatures.Fit(posts, options.HashBuckets);
        var encoded = EncodedPosts.From(features, posts);
        var (weights, biases) = OneVsRestFitter.Fit(encoded, truth, values.Count, options.L2, options.Iterations, cancellationToken);
        return new MultiLabelHead(category, values, features, weights, biases, SuggestionRule.TopK, 1, new double[values.Count]);
    }

    /// <summary>The k of 1..maxK with the best micro F1 on these posts (the smaller k on a tie).</summary>
    internal static int BestK(IReadOnlyList<(float[] Scores, bool[] Truth)> posts, int maxK)
    {
        var best = (K: 1, F1: double.NegativeInfinity);
        for (var k = 1; k <= maxK; k++)
        {
            var tally = new Tally(posts.Count > 0 ? posts[0].Truth.Length : 0);
            foreach (var (scores, truth) in posts)
                tally.Add(MultiLabelHead.Ranked(scores).Take(k), truth);
            if (tally.MicroF1 > best.F1 + 1e-12) best = (k, tally.MicroF1);
        }
        return best.K;
    }

    /// <summary>
    /// Per value, the probability cut with the best F1 on these posts: the midpoint between the lowest score kept and
    /// the next one below it. A value never worth suggesting gets a cut above 1.
    /// </summary>
    internal static double[] BestThresholds(IReadOnlyList<(float[] Scores, bool[] Truth)> posts, int values)
    {
        var cuts = new double[values];
        for (var v = 0; v < values; v++)
        {
            var sorted = posts.Select(p => (Score: (double)p.Scores[v], Positive: p.Truth[v])).OrderByDescending(p => p.Score).ToArray();
            var positives = sorted.Count(p => p.Positive);
            var bestF1 = 0.0;
            var cut = 1.01;
            var tp = 0;
            for (var j = 0; j < sorted.Length; j++)
            {
                if (sorted[j].Positive) tp++;
                // Only cut between different scores: every post at one score is kept or dropped together.
                if (j + 1 < sorted.Length && sorted[j + 1].Score == sorted[j].Score) continue;
                var f1 = 2.0 * tp / (j + 1 + positives);
                if (f1 > bestF1 + 1e-12)
                {
                    bestF1 = f1;
                    cut = j + 1 < sorted.Length ? (sorted[j].Score + sorted[j + 1].Score) / 2 : sorted[j].Score;
                }
            }
            cuts[v] = cut;
        }
        return cuts;
    }

    private static RuleScore Score(Tally[] repeats)
    {
        var micro = repeats.Select(t => t.MicroF1).ToArray();
        var macro = repeats.Select(t => t.MacroF1).ToArray();
        return new RuleScore(micro.Average(), Sd(micro), macro.Average(), Sd(macro));
    }

    private static double Sd(double[] values)
    {
        if (values.Length < 2) return 0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    /// <summary>True and false positives and false negatives per value over a set of (suggested, true) decisions.</summary>
    private sealed class Tally(int values)
    {
        public int[] TruePositives { get; } = new int[values];
        public int[] FalsePositives { get; } = new int[values];
        public int[] FalseNegatives { get; } = new int[values];

        public void Add(IEnumerable<int> suggested, bool[] truth)
        {
            var picked = new bool[truth.Length];
            foreach (var v in suggested) picked[v] = true;
            for (var v = 0; v < truth.Length; v++)
            {
                if (picked[v] && truth[v]) TruePositives[v]++;
                else if (picked[v]) FalsePositives[v]++;
                else if (truth[v]) FalseNegatives[v]++;
            }
        }

        public double MicroF1
        {
            get
            {
                double tp = TruePositives.Sum(), wrong = FalsePositives.Sum() + FalseNegatives.Sum();
                return tp + wrong > 0 ? 2 * tp / (2 * tp + wrong) : 0;
            }
        }

        public double MacroF1 => Enumerable.Range(0, TruePositives.Length).Average(v =>
        {
            double denominator = 2 * TruePositives[v] + FalsePositives[v] + FalseNegatives[v];
            return denominator > 0 ? 2 * TruePositives[v] / denominator : 0;
        });
    }
}
