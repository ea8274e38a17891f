using Insights.Analytics.Engagement;

namespace Insights.Analytics.Recommendations;

/// <summary>
/// Partial dependence on a group of posts' choices: the drivers model's mean prediction (log rate) over a sample of
/// its training rows, with some features set to the values those posts had. A group whose posts differ in those
/// features (hashtag counts 3, 4 and 5 in the bucket "3–5") is represented by a few of its settings at evenly
/// spaced ranks, each weighted by the share of posts it stands for. A numeric feature (a video's duration) is set
/// only on rows where it exists, so an image never gets a duration. All requests are predicted in one batch.
/// </summary>
public sealed class ModelAverages
{
    private readonly DriversModel _model;
    private readonly float[][] _background;
    private readonly float[][] _encoded;
    private readonly int _settingsPerGroup;
    private readonly List<(FeatureSpec[] Features, float[] Values, int Request, double Weight)> _settings = [];
    private int _requests;

    /// <param name="encoded">The posts the groups refer to, encoded by the model's layout.</param>
    public ModelAverages(DriversModel model, float[][] encoded, int backgroundRows, int settingsPerGroup, int seed)
    {
        _model = model;
        _encoded = encoded;
        _settingsPerGroup = settingsPerGroup;
        var indices = Enumerable.Range(0, model.Rows.Length).ToArray();
        new Random(seed).Shuffle(indices);
        _background = indices.Take(backgroundRows).Order().Select(i => model.Rows[i]).ToArray();
    }

    /// <summary>Asks for the mean prediction with <paramref name="features"/> set as in <paramref name="posts"/>; returns the request's index in <see cref="Run"/>'s result.</summary>
    public int Add(IReadOnlyList<FeatureSpec> features, IReadOnlyList<int> posts)
    {
        var request = _requests++;
        var columns = features.SelectMany(f => f.Columns).ToArray();
        var settings = posts.Select(p => columns.Select(c => _encoded[p][c]).ToArray()).ToList();
        settings.Sort(CompareSettings);
        var picks = Math.Min(_settingsPerGroup, settings.Count);
        for (var k = 0; k < picks; k++)
        {
            var rank = (int)((k + 0.5) * settings.Count / picks);
            _settings.Add(([.. features], settings[rank], request, 1.0 / picks));
        }
        return request;
    }

    /// <summary>The mean predicted log rate of each request, in the order added; NaN where no row could take the setting.</summary>
    public double[] Run()
    {
        var rows = new List<float[]>();
        var owners = new List<int>();
        for (var s = 0; s < _settings.Count; s++)
        {
            var (features, values, _, _) = _settings[s];
            foreach (var source in _background)
            {
                if (!Applies(source, features))
                    continue;
                var row = (float[])source.Clone();
                var offset = 0;
                foreach (var feature in features)
                    foreach (var c in feature.Columns)
                        row[c] = values[offset++];
                rows.Add(row);
                owners.Add(s);
            }
        }
        var predictions = rows.Count == 0 ? [] : _model.PredictBatch([.. rows]);
        var sums = new double[_settings.Count];
        var counts = new int[_settings.Count];
        for (var r = 0; r < predictions.Length; r++)
        {
            sums[owners[r]] += predictions[r];
            counts[owners[r]]++;
        }
        var means = new double[_requests];
        var weights = new double[_requests];
        for (var s = 0; s < _settings.Count; s++)
        {
            if (counts[s] == 0)
                continue;
            var (_, _, request, weight) = _settings[s];
            means[request] += weight * sums[s] / counts[s];
            weights[request] += weight;
        }
        return means.Select((m, i) => weights[i] > 0 ? m / weights[i] : double.NaN).ToArray();
    }

    private static bool Applies(float[] row, FeatureSpec[] features) =>
        features.All(f => f.Kind != FeatureKind.Numeric || float.IsFinite(row[f.Columns[0]]));

    private static int CompareSettings(float[] a, float[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0)
                return c;
        }
        return 0;
    }
}
