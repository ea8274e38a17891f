using System.Globalization;
using System.Text.Json;

namespace Insights.Benchmarks.Inference;

/// <summary>
/// Fits the drawing-vs-photo head (logistic regression on the L2-normalised 1280-d embedding) on the demo
/// images that the accuracy tests do NOT use, so the tests measure it on held-out images. The held-out rule
/// is the tests' (Inference.Tests/Vision/DemoMedia.AccuracySample); near-duplicate reposts whose original is
/// held out (or the reverse) are left out of training too. Input: the embeddings file of <c>labels --dump-text</c>.
/// Usage: <c>labels --fit-drawing FILE.embeddings</c>; writes src/Inference/Vision/DrawingHead.json.
/// </summary>
internal static class DrawingHeadFit
{
    public static int Run(string embeddingsFile, string root)
    {
        var truth = ReadTruth(Path.Combine(root, "data", "demo", "media.csv"));
        var heldOut = HeldOut(truth);
        var embeddings = File.ReadLines(embeddingsFile).Select(l => l.Split(',')).ToDictionary(f => f[0], f => Normalize(f[1..].Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()));
        bool Leaks(Row r) => heldOut.Contains(r.File) || (r.VariantOf.Length > 0 && heldOut.Contains(r.VariantOf)) || truth.Any(o => o.VariantOf == r.File && heldOut.Contains(o.File));
        var train = truth.Where(r => r.Kind == "image" && !Leaks(r) && embeddings.ContainsKey(r.File)).ToList();
        var x = train.Select(r => embeddings[r.File]).ToArray();
        var y = train.Select(r => r.Illustration ? 1.0 : 0.0).ToArray();

        // 5-fold cross-validation on the training images, for the record
        var correct = 0;
        for (var fold = 0; fold < 5; fold++)
        {
            var idx = Enumerable.Range(0, x.Length).Where(i => i % 5 != fold).ToArray();
            var (w, b) = Fit(idx.Select(i => x[i]).ToArray(), idx.Select(i => y[i]).ToArray());
            correct += Enumerable.Range(0, x.Length).Where(i => i % 5 == fold).Count(i => Score(w, b, x[i]) >= 0.5 == (y[i] == 1));
        }

        var (weights, bias) = Fit(x, y);
        var head = new
        {
            description = "logistic regression P(illustration) on the L2-normalised 1280-d nsfwjs MobileNetV2 embedding; fitted by tests/Benchmarks labels --fit-drawing on demo images outside the accuracy tests' sample",
            trainedOn = train.Count,
            illustrations = train.Count(r => r.Illustration),
            crossValidatedAccuracy = Math.Round((double)correct / x.Length, 4),
            bias = (float)bias,
            weights = weights.Select(v => (float)v).ToArray(),
        };
        var output = Path.Combine(root, "src", "Inference", "Vision", "DrawingHead.json");
        File.WriteAllText(output, JsonSerializer.Serialize(head));
        Console.WriteLine($"drawing head: {train.Count} training images ({head.illustrations} illustrations), 5-fold CV accuracy {head.crossValidatedAccuracy:F3}; wrote {output}");
        return 0;
    }

    private static (double[] W, double B) Fit(float[][] x, double[] y, int epochs = 3000, double rate = 2, double l2 = 1e-4)
    {
        int n = x.Length, d = x[0].Length;
        // standardise so one learning rate suits every feature; folded back into the weights at the end
        var mean = new double[d];
        var std = new double[d];
        for (var k = 0; k < d; k++)
        {
            mean[k] = x.Average(v => v[k]);
            std[k] = Math.Sqrt(x.Average(v => (v[k] - mean[k]) * (v[k] - mean[k]))) + 1e-6;
        }

        var z = x.Select(v => v.Select((e, k) => (e - mean[k]) / std[k]).ToArray()).ToArray();
        var w = new double[d];
        double b = 0;
        var gradient = new double[d];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            Array.Clear(gradient);
            double gb = 0;
            for (var i = 0; i < n; i++)
            {
                double s = b;
                var zi = z[i];
                for (var k = 0; k < d; k++)
                    s += w[k] * zi[k];
                var err = 1 / (1 + Math.Exp(-s)) - y[i];
                gb += err;
                for (var k = 0; k < d; k++)
                    gradient[k] += err * zi[k];
            }

            for (var k = 0; k < d; k++)
                w[k] -= rate * (gradient[k] / n + l2 * w[k]);
            b -= rate * gb / n;
        }

        var weights = new double[d];
        var bias = b;
        for (var k = 0; k < d; k++)
        {
            weights[k] = w[k] / std[k];
            bias -= w[k] * mean[k] / std[k];
        }

        return (weights, bias);
    }

    private static double Score(double[] w, double b, float[] x)
    {
        var s = b;
        for (var k = 0; k < w.Length; k++)
            s += w[k] * x[k];
        return 1 / (1 + Math.Exp(-s));
    }

    private static float[] Normalize(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(e => e * e));
        return [.. v.Select(e => e / norm)];
    }

    private sealed record Row(string File, string Kind, int People, int Faces, bool Text, bool Illustration, string VariantOf);

    // same rule as Inference.Tests/Vision/DemoMedia.AccuracySample
    private static HashSet<string> HeldOut(List<Row> truth) =>
    [
        .. truth.Where(t => t.Kind == "image")
            .GroupBy(t => (Math.Min(t.People, 3), t.Text, t.Illustration))
            .SelectMany(g => g.OrderBy(t => t.File, StringComparer.Ordinal).Where((t, i) => i % 3 == 0 || t.Faces > 0))
            .Select(t => t.File),
    ];

    private static List<Row> ReadTruth(string path) =>
    [
        .. File.ReadLines(path).Skip(1).Select(line =>
        {
            var f = Fields(line);
            return new Row(f[0], f[1], int.Parse(f[4], CultureInfo.InvariantCulture), int.Parse(f[5], CultureInfo.InvariantCulture), f[6] == "1", f[7] == "1", f[11]);
        }),
    ];

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                field.Append(line[++i]);
            else if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(c);
        }

        fields.Add(field.ToString());
        return fields;
    }
}
