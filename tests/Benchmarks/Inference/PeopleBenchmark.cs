using System.Diagnostics;
using System.Globalization;
using Insights.Inference;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Runtime;
using Insights.Inference.Vision;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Insights.Benchmarks.Inference;

/// <summary>
/// People counting before and after (issue #16): the models run once per image (whole image, tiles,
/// faces) and keep every person box from 0.1, so each variant and threshold is recomputed from the same
/// boxes. On the demo's labelled images the threshold is chosen by 5-fold cross-validation (out-of-fold
/// figures); on the held-out set (data/heldout, never tuned on) at the threshold chosen on all demo images.
/// Usage: <c>dotnet run -c Release --project tests/Benchmarks -- people [--every N]</c> (every Nth demo image per people class; default 3),
/// or <c>people --image FILE</c> for one image's boxes by pass.
/// </summary>
internal static class PeopleBenchmark
{
    private const int Classes = 4;
    private static readonly float[] Candidates = [.. Enumerable.Range(0, 23).Select(i => 0.15f + 0.025f * i)];

    private sealed record Seen(string File, int Truth, int Width, int Height, IReadOnlyList<PersonCandidate> People, IReadOnlyList<Box> Faces, double TileMs);

    public static async Task<int> RunAsync(string[] args)
    {
        var root = RepositoryRoot();
        var every = int.Parse(args.SkipWhile(a => a != "--every").Skip(1).FirstOrDefault() ?? "3", CultureInfo.InvariantCulture);
        var inference = new InferenceOptions { IntraOpThreads = 2, ModelsDirectory = Path.Combine(root, "data", "models"), CacheDirectory = Path.Combine(root, "data", "cache", "models") };
        var labels = new LabelOptions();
        using var sessions = new ModelSessions(new ModelStore(MsOptions.Create(inference), NullLogger<ModelStore>.Instance), MsOptions.Create(inference), NullLogger<ModelSessions>.Instance);
        var decoder = new ImageDecoder(MsOptions.Create(labels));
        var annotator = new ImageAnnotator(sessions, decoder, MsOptions.Create(labels));
        var models = await annotator.GetSessionsAsync(CancellationToken.None);
        if (args.SkipWhile(a => a != "--image").Skip(1).FirstOrDefault() is { } image)
        {
            // one image's person boxes above the threshold, by pass, and what the merge keeps
            var one = See([(Path.GetFileName(image), 0)], Path.GetDirectoryName(Path.GetFullPath(image))!, decoder, annotator, models, labels)[0];
            foreach (var c in one.People.Where(c => c.Box.Score >= labels.PersonThreshold))
                Console.WriteLine($"{(c.Tile is null ? "whole" : $"tile {c.Tile}")}: {c.Box}{(c.Tile?.CutsBox(c.Box, one.Width, one.Height) == true ? " (cut)" : "")}");
            Console.WriteLine($"faces: {string.Join(", ", one.Faces)}");
            Console.WriteLine($"merged: {string.Join(", ", PeopleMerge.Merge(one.People, one.Faces, labels.PersonThreshold, labels.DetectionIou, one.Width, one.Height))}");
            return 0;
        }

        var demoTruth = Truth(Path.Combine(root, "data", "demo", "media.csv"), r => r[1] == "image", 4)
            .GroupBy(t => Math.Min(t.People, 3)).SelectMany(g => g.OrderBy(t => t.File, StringComparer.Ordinal).Where((_, i) => i % every == 0)).ToList();
        var heldTruth = Truth(Path.Combine(root, "data", "heldout", "truth.csv"), _ => true, 1);
        Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores, intra-op threads 2; CenterNet {models.CenterNet.Manifest.Precision}");
        var demo = See(demoTruth, Path.Combine(root, "data", "demo", "media"), decoder, annotator, models, labels);
        var held = See(heldTruth, Path.Combine(root, "data", "heldout", "media"), decoder, annotator, models, labels);
        Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        var tiled = demo.Concat(held).Where(s => s.TileMs > 0).Select(s => s.TileMs).Order().ToList();
        Console.WriteLine($"tiles: {tiled.Count} of {demo.Count + held.Count} images tiled; 4 more CenterNet runs (crop + resize + run) p50 {tiled[tiled.Count / 2]:F0} ms, p95 {tiled[(int)(tiled.Count * 0.95)]:F0} ms per image");

        Report("before: whole image, threshold 0.35 (fitted on all demo images)", demo, held, whole: true, faces: false, fixedThreshold: 0.35f, labels);
        Report("whole image, CV threshold", demo, held, whole: true, faces: false, fixedThreshold: null, labels);
        Report("whole image + faces, CV threshold", demo, held, whole: true, faces: true, fixedThreshold: null, labels);
        Report("whole image + tiles, CV threshold", demo, held, whole: false, faces: false, fixedThreshold: null, labels);
        Report("after: whole image + tiles + faces, CV threshold", demo, held, whole: false, faces: true, fixedThreshold: null, labels);
        return 0;
    }

    private static void Report(string name, List<Seen> demo, List<Seen> held, bool whole, bool faces, float? fixedThreshold, LabelOptions labels)
    {
        var demoItems = Items(demo, whole, faces, labels);
        var heldItems = Items(held, whole, faces, labels);
        var truth = demoItems.Select(i => i.Truth).ToList();
        IReadOnlyList<int> demoPredicted;
        string thresholds;
        float chosen;
        if (fixedThreshold is { } t)
        {
            demoPredicted = [.. demoItems.Select(i => i.PredictAt(t))];
            chosen = t;
            thresholds = $"fixed {t:F3}";
        }
        else
        {
            var cv = ThresholdCrossValidation.Run(demoItems, Candidates, Classes);
            demoPredicted = cv.Predicted;
            chosen = ThresholdCrossValidation.Choose(demoItems, [.. Enumerable.Range(0, demoItems.Count)], Candidates, Classes);
            thresholds = $"folds chose {string.Join(", ", cv.FoldThresholds.Select(x => x.ToString("F3", CultureInfo.InvariantCulture)))}; all demo chose {chosen:F3}";
        }

        var heldPredicted = heldItems.Select(i => i.PredictAt(chosen)).ToList();
        Console.WriteLine($"{name} ({thresholds})");
        Console.WriteLine($"  demo {(fixedThreshold is null ? "5-fold CV, out of fold" : "all")}: {ClassificationScore.Of(truth, demoPredicted, Classes)}");
        Console.WriteLine($"  held-out at {chosen:F3}: {ClassificationScore.Of([.. heldItems.Select(i => i.Truth)], heldPredicted, Classes)}");
        Console.WriteLine($"  held-out misses: {string.Join(" ", held.Select((s, i) => (s, i)).Where(x => heldItems[x.i].Truth != heldPredicted[x.i]).Select(x => $"{x.s.File}:{x.s.Truth}->{heldPredicted[x.i]}"))}");
    }

    private static List<CalibrationItem> Items(List<Seen> seen, bool whole, bool faces, LabelOptions labels) =>
    [
        .. seen.Select(s =>
        {
            var people = whole ? s.People.Where(p => p.Tile is null).ToList() : s.People;
            var faceBoxes = faces ? s.Faces : [];
            return new CalibrationItem(Math.Min(s.Truth, 3), t => (int)PeopleLabel.ClassOf(PeopleMerge.Merge(people, faceBoxes, t, labels.DetectionIou, s.Width, s.Height).Count));
        }),
    ];

    private static List<Seen> See(List<(string File, int People)> truth, string folder, ImageDecoder decoder, ImageAnnotator annotator, AnnotationModels models, LabelOptions labels)
    {
        var people = new PeopleAndObjectsLabeler(labels);
        var faceLabeler = new FaceLabeler(labels);
        var seen = new List<Seen>();
        foreach (var (file, count) in truth)
        {
            var frame = decoder.Decode(File.ReadAllBytes(Path.Combine(folder, file)), file);
            var inputs = annotator.Prepare(frame, models);
            var whole = models.CenterNet.Run(inputs[0].Values);
            var watch = Stopwatch.StartNew();
            var tiles = annotator.RunTiles(frame, models);
            var tileMs = tiles.Count > 0 ? watch.Elapsed.TotalMilliseconds : 0;
            var faces = faceLabeler.Label(models.BlazeFace.Run(inputs[1].Values), models.BlazeFace.Manifest, frame);
            seen.Add(new(file, count, frame.Width, frame.Height, people.PersonCandidates(whole, tiles, models.CenterNet.Manifest, frame, 0.1f), faces.Boxes, tileMs));
        }

        return seen;
    }

    // file and people count of each row kept (RFC 4180: a licence field may hold a quoted comma)
    private static List<(string File, int People)> Truth(string path, Func<string[], bool> keep, int peopleColumn)
    {
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(path) { TextFieldType = Microsoft.VisualBasic.FileIO.FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        parser.ReadFields();
        var rows = new List<(string, int)>();
        while (parser.ReadFields() is { } r)
        {
            if (keep(r))
                rows.Add((r[0], int.Parse(r[peopleColumn], CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "data", "models", "package-lock.json")))
                return dir.FullName;
        }

        throw new InvalidOperationException("run from the repository: data/models/package-lock.json not found");
    }
}
