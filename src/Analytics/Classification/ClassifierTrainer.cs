using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Insights.Analytics.Classification;

/// <summary>A trained head, its cross-validated track record and the near-duplicates left out of it.</summary>
public sealed record ClassifierTrainingResult(PopularityClassifier Classifier, ClassifierValidation Validation, NearDuplicateResult Duplicates);

/// <summary>
/// Trains the popularity classifier of a profile: near-duplicates removed, embeddings standardised per dimension,
/// ML.NET's L-BFGS maximum entropy (multinomial logistic regression) fitted, and the standardisation folded back into
/// the weights so the head reads raw normalised embeddings. Validation: stratified k-fold CV repeated with new folds.
/// Every fit is single-threaded with its own seeded MLContext, so results repeat exactly; fits run in parallel.
/// </summary>
public static class ClassifierTrainer
{
    /// <param name="progress">Called with (fits done, fits in all) as the cross-validation and final fits finish.</param>
    /// <param name="duplicates">Near-duplicate removal already run on these posts (or a superset), e.g. once for several K; run here when null.</param>
    public static ClassifierTrainingResult Train(IReadOnlyList<ClassifierPost> posts, int classes, ClassifierOptions options,
        Action<int, int>? progress = null, CancellationToken cancellationToken = default, NearDuplicateResult? duplicates = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        var watch = Stopwatch.StartNew();
        var labelled = posts.Where(p => p.Class >= 0 && p.Class < classes).ToList();
        if (labelled.Count == 0)
            throw new InvalidOperationException("No post has both an embedding and a popularity class yet.");
        var dimensions = labelled[0].Normalized.Length;
        if (labelled.FirstOrDefault(p => p.Normalized.Length != dimensions) is { } odd)
            throw new ArgumentException($"Post {odd.PostId} has a {odd.Normalized.Length}-d embedding; the others have {dimensions}.", nameof(posts));

        duplicates ??= NearDuplicates.Remove(labelled.Select(p => new DuplicateCandidate(p.PostId, p.MediaType, p.PublishedUtc, p.Normalized)).ToList(), options, cancellationToken);
        var keptIds = duplicates.KeptIds.ToHashSet();
        var kept = labelled.Where(p => keptIds.Contains(p.PostId)).ToList();
        if (kept.Count < options.MinPosts)
            throw new InvalidOperationException($"The classifier needs at least {options.MinPosts} posts with an embedding and a class; this profile has {kept.Count} after removing {duplicates.RemovedCount} near-duplicate(s).");
        var present = kept.Select(p => p.Class).Distinct().Count();
        if (present < 2)
            throw new InvalidOperationException("Every post falls in one popularity class, so there is nothing to tell apart.");

        var x = kept.Select(p => p.Normalized).ToArray();
        var y = kept.Select(p => p.Class).ToArray();
        var n = kept.Count;
        var folds = options.Folds;
        var repeats = options.Repeats;
        var total = folds * repeats + 1;
        var done = 0;
        void Done() => progress?.Invoke(Interlocked.Increment(ref done), total);

        var assignments = Enumerable.Range(0, repeats).Select(r => StratifiedFolds(y, folds, options.Seed + r)).ToArray();
        // out-of-fold probabilities per repeat and the baseline's guesses
        var oof = new float[repeats][][];
        for (var r = 0; r < repeats; r++) oof[r] = new float[n][];
        var baselineTop1 = new int[repeats][];
        var baselineTop2 = new int[repeats][][];
        for (var r = 0; r < repeats; r++) { baselineTop1[r] = new int[n]; baselineTop2[r] = new int[n][]; }

        PopularityClassifier? final = null;
        var jobs = Enumerable.Range(0, repeats * folds).Select(i => (Repeat: i / folds, Fold: i % folds)).Cast<(int Repeat, int Fold)?>().Append(null).ToArray();
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.ForEach(jobs, parallel, job =>
        {
            if (job is not { } j)
            {
                final = Fit(x, y, classes, options, options.Seed).Classifier;
                Done();
                return;
            }
            var fold = assignments[j.Repeat];
            var train = Enumerable.Range(0, n).Where(i => fold[i] != j.Fold).ToArray();
            var test = Enumerable.Range(0, n).Where(i => fold[i] == j.Fold).ToArray();
            var head = Fit(train.Select(i => x[i]).ToArray(), train.Select(i => y[i]).ToArray(), classes, options, options.Seed + 1000 * j.Repeat + j.Fold).Classifier;
            var order = Enumerable.Range(0, classes).OrderByDescending(c => train.Count(i => y[i] == c)).ThenBy(c => c).ToArray();
            foreach (var i in test)
            {
                oof[j.Repeat][i] = head.Probabilities(x[i]);
                baselineTop1[j.Repeat][i] = order[0];
                baselineTop2[j.Repeat][i] = order[..Math.Min(2, classes)];
            }
            Done();
        });

        var accuracies = new double[repeats];
        var top2 = new double[repeats];
        var baseline = new double[repeats];
        var baseline2 = new double[repeats];
        var recalls = new double[repeats][];
        var confusion = Enumerable.Range(0, classes).Select(_ => new int[classes]).ToArray();
        var counts = new int[classes];
        foreach (var c in y) counts[c]++;
        for (var r = 0; r < repeats; r++)
        {
            int right = 0, right2 = 0, base1 = 0, base2 = 0;
            var hits = new int[classes];
            for (var i = 0; i < n; i++)
            {
                var p = oof[r][i];
                var predicted = ArgMax(p);
                if (predicted == y[i]) { right++; hits[y[i]]++; }
                if (InTop2(p, y[i])) right2++;
                if (baselineTop1[r][i] == y[i]) base1++;
                if (baselineTop2[r][i].Contains(y[i])) base2++;
                if (r == 0) confusion[y[i]][predicted]++;
            }
            accuracies[r] = right / (double)n;
            top2[r] = right2 / (double)n;
            baseline[r] = base1 / (double)n;
            baseline2[r] = base2 / (double)n;
            recalls[r] = Enumerable.Range(0, classes).Select(c => counts[c] > 0 ? hits[c] / (double)counts[c] : double.NaN).ToArray();
        }
        var majority = Enumerable.Range(0, classes).OrderByDescending(c => counts[c]).ThenBy(c => c).First();
        var validation = new ClassifierValidation(
            classes, folds, repeats, n, counts,
            accuracies.Average(), Sd(accuracies), accuracies,
            top2.Average(), Sd(top2),
            Enumerable.Range(0, classes).Select(c => recalls.Average(r => r[c])).ToArray(),
            Enumerable.Range(0, classes).Select(c => Sd(recalls.Select(r => r[c]).ToArray())).ToArray(),
            confusion, majority, baseline.Average(), baseline2.Average(),
            duplicates.RemovedCount, duplicates.Threshold, duplicates.Histogram, watch.Elapsed.TotalSeconds);
        return new ClassifierTrainingResult(final!, validation, duplicates);
    }

    /// <summary>
    /// Stratified fold of every row: each class's rows are shuffled (seeded) and dealt round the folds, continuing the
    /// count from class to class so fold sizes differ by at most one.
    /// </summary>
    public static int[] StratifiedFolds(IReadOnlyList<int> classes, int folds, int seed)
    {
        var random = new Random(seed);
        var fold = new int[classes.Count];
        var next = 0;
        foreach (var group in Enumerable.Range(0, classes.Count).GroupBy(i => classes[i]).OrderBy(g => g.Key))
        {
            var rows = group.ToArray();
            random.Shuffle(rows);
            foreach (var row in rows)
                fold[row] = next++ % folds;
        }
        return fold;
    }

    /// <summary>One fit on standardised features; returns the head with the standardisation folded in, and the ML.NET model (for tests).</summary>
    internal static (PopularityClassifier Classifier, ITransformer Model, float[] Mean, float[] Scale) Fit(float[][] x, int[] y, int classes, ClassifierOptions options, int seed)
    {
        var n = x.Length;
        var d = x[0].Length;
        var mean = new double[d];
        var m2 = new double[d];
        foreach (var row in x)
            for (var j = 0; j < d; j++) mean[j] += row[j];
        for (var j = 0; j < d; j++) mean[j] /= n;
        foreach (var row in x)
            for (var j = 0; j < d; j++) { var v = row[j] - mean[j]; m2[j] += v * v; }
        var meanF = new float[d];
        var scale = new float[d];
        for (var j = 0; j < d; j++)
        {
            var sd = Math.Sqrt(m2[j] / Math.Max(1, n - 1));
            meanF[j] = (float)mean[j];
            // A constant dimension (e.g. a ReLU feature never active) gets scale 1 and weight 0 in effect.
            scale[j] = sd > 1e-8 ? (float)(1.0 / sd) : 1f;
        }

        var ml = new MLContext(seed);
        var schema = Schema(classes, d);
        var rows = new List<ClassifierRow>(n);
        for (var i = 0; i < n; i++)
            rows.Add(new ClassifierRow { Label = (uint)y[i], Features = Standardize(x[i], meanF, scale) });
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = nameof(ClassifierRow.Label),
            FeatureColumnName = nameof(ClassifierRow.Features),
            L2Regularization = options.L2PerPost * n,
            L1Regularization = options.L1Regularization,
            MaximumNumberOfIterations = options.MaximumIterations,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(data);
        VBuffer<float>[] weights = [];
        model.Model.GetWeights(ref weights, out var k);
        var biases = model.Model.GetBiases().ToArray();
        if (k != classes || biases.Length != classes)
            throw new InvalidOperationException($"ML.NET returned {k} classes; expected {classes}.");

        // logit_c = sum_j w_cj (e_j - m_j) s_j + b_c = sum_j (w_cj s_j) e_j + (b_c - sum_j w_cj s_j m_j)
        var effective = new float[classes * d];
        var effectiveBias = new float[classes];
        for (var c = 0; c < classes; c++)
        {
            var dense = weights[c].DenseValues().ToArray();
            double shift = 0;
            for (var j = 0; j < d; j++)
            {
                var w = (double)dense[j] * scale[j];
                effective[c * d + j] = (float)w;
                shift += w * meanF[j];
            }
            effectiveBias[c] = (float)(biases[c] - shift);
        }
        return (new PopularityClassifier(classes, d, effective, effectiveBias), model, meanF, scale);
    }

    internal static float[] Standardize(float[] row, float[] mean, float[] scale)
    {
        var result = new float[row.Length];
        for (var j = 0; j < row.Length; j++) result[j] = (row[j] - mean[j]) * scale[j];
        return result;
    }

    internal static SchemaDefinition Schema(int classes, int dimensions)
    {
        var schema = SchemaDefinition.Create(typeof(ClassifierRow));
        schema[nameof(ClassifierRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        schema[nameof(ClassifierRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
        return schema;
    }

    private static int ArgMax(float[] p)
    {
        var best = 0;
        for (var c = 1; c < p.Length; c++) if (p[c] > p[best]) best = c;
        return best;
    }

    private static bool InTop2(float[] p, int truth)
    {
        var above = 0;
        for (var c = 0; c < p.Length; c++)
            if (c != truth && (p[c] > p[truth] || (p[c] == p[truth] && c < truth))) above++;
        return above < 2;
    }

    private static double Sd(double[] values)
    {
        if (values.Length < 2) return 0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}

/// <summary>ML.NET input schema of the classifier: the key label (the class index: LoadFromEnumerable reads key members 0-based) and the standardised embedding.</summary>
public sealed class ClassifierRow
{
    public uint Label { get; set; }

    [VectorType]
    public float[] Features { get; set; } = [];
}

/// <summary>ML.NET output schema: the class probabilities.</summary>
public sealed class ClassifierPrediction
{
    public float[] Score { get; set; } = [];
}
