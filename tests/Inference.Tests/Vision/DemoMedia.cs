namespace Insights.Inference.Tests.Vision;

/// <summary>A row of data/demo/media.csv: the true labels of a demo media file, checked by looking.</summary>
internal sealed record DemoTruth(string File, string Kind, int People, int Faces, bool TextOverlay, bool Illustration, string Animals);

/// <summary>The demo profile's media and their true labels.</summary>
internal static class DemoMedia
{
    public static string Root { get; } = FindRoot();

    public static string MediaPath(string file) => Path.Combine(Root, "data", "demo", "media", file);

    public static IReadOnlyList<DemoTruth> Truth() =>
        [.. File.ReadLines(Path.Combine(Root, "data", "demo", "media.csv")).Skip(1).Select(Parse)];

    /// <summary>
    /// The images the accuracy tests annotate (annotating all 1,428 takes about 7 minutes on 2 shared cores):
    /// every image with a face, and every third image (by file name) of each stratum of people class x
    /// text overlay x illustration, so every class of every label is covered in its proportion.
    /// </summary>
    public static IReadOnlyList<DemoTruth> AccuracySample() =>
    [
        .. Truth().Where(t => t.Kind == "image")
            .GroupBy(t => (Math.Min(t.People, 3), t.TextOverlay, t.Illustration))
            .SelectMany(g => g.OrderBy(t => t.File, StringComparer.Ordinal).Where((t, i) => i % 3 == 0 || t.Faces > 0))
            .OrderBy(t => t.File, StringComparer.Ordinal),
    ];

    private static DemoTruth Parse(string line)
    {
        var f = Fields(line);
        return new DemoTruth(f[0], f[1], int.Parse(f[4]), int.Parse(f[5]), f[6] == "1", f[7] == "1", f[8]);
    }

    // RFC 4180 fields of one line (the file has no line breaks inside quotes)
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    field.Append(line[++i]);
                else if (c == '"')
                    quoted = false;
                else
                    field.Append(c);
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "data", "demo", "media.csv")))
                return dir.FullName;
        }

        throw new InvalidOperationException("data/demo/media.csv not found above " + AppContext.BaseDirectory);
    }
}
