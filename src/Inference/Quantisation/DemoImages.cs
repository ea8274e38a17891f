namespace Insights.Inference.Quantisation;

/// <summary>
/// The demo profile's images (data/demo/media.csv) split into two disjoint fixed sets: calibration
/// (position % 60 == 7 in file-name order, about 24 images) and validation for the int8 gate
/// (position % 12 == 0, about 120). 7 mod 12 is never 0, so no image is in both.
/// </summary>
internal sealed class DemoImages(string demoDirectory)
{
    public string Directory => demoDirectory;

    public bool Exists => File.Exists(Path.Combine(demoDirectory, "media.csv"));

    public IReadOnlyList<string> Calibration() => Select(i => i % 60 == 7);

    public IReadOnlyList<string> Validation() => Select(i => i % 12 == 0);

    private List<string> Select(Func<int, bool> position) =>
    [
        .. File.ReadLines(Path.Combine(demoDirectory, "media.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Where(f => f.Length > 1 && f[1] == "image")
            .Select(f => f[0])
            .Order(StringComparer.Ordinal)
            .Where((_, i) => position(i))
            .Select(file => Path.Combine(demoDirectory, "media", file)),
    ];
}
