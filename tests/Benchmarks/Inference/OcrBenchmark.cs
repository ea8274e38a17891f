using System.Diagnostics;
using Insights.Inference.Imaging;
using Insights.Inference.Vision;

namespace Insights.Benchmarks.Inference;

/// <summary>
/// What reading the overlay text adds to labelling: per demo image, the four models with their decoding
/// (labelling as it was) and then the text recogniser on the detected boxes, timed separately in the same loop.
/// Reported over the demo images with composited text and over the first images in file order (most without text).
/// </summary>
internal static class OcrBenchmark
{
    public static async Task RunAsync(ImageAnnotator annotator, ImageDecoder decoder, string media, int count)
    {
        var models = await annotator.GetSessionsAsync(CancellationToken.None);
        var all = Directory.GetFiles(media, "img_*.jpg").Order(StringComparer.Ordinal).ToList();
        var withText = File.ReadLines(Path.Combine(media, "..", "SOURCES.md"))
            .Where(l => l.StartsWith("| img_", StringComparison.Ordinal) && l.Contains(" text \"", StringComparison.Ordinal))
            .Select(l => Path.Combine(media, l.Split('|', StringSplitOptions.TrimEntries)[1]))
            .Where(File.Exists).Take(count).ToList();

        // warm-up: sessions made, the recogniser's first shapes seen
        foreach (var file in withText.Take(3))
            await TimeAsync(file);

        await ReportAsync("demo images with composited text", withText);
        await ReportAsync("first demo images in file order", all.Take(count).ToList());

        async Task ReportAsync(string what, IReadOnlyList<string> files)
        {
            var labelling = new List<double>();
            var reading = new List<double>();
            var read = 0;
            foreach (var file in files)
            {
                var (label, ocr, text) = await TimeAsync(file);
                labelling.Add(label);
                reading.Add(ocr);
                read += text.Length > 0 ? 1 : 0;
            }

            Console.WriteLine($"ocr, {what} ({files.Count}, text read in {read}):");
            Console.WriteLine($"  labelling without OCR (decode + 4 models + decoding): p50 {LabelsBenchmark.P(labelling, 0.5):F1} ms, p95 {LabelsBenchmark.P(labelling, 0.95):F1} ms");
            Console.WriteLine($"  OCR added (crop + recogniser per box + CTC):          p50 {LabelsBenchmark.P(reading, 0.5):F1} ms, p95 {LabelsBenchmark.P(reading, 0.95):F1} ms");
            Console.WriteLine($"  ratio with OCR / without, p50 of per-image ratios: {LabelsBenchmark.P([.. labelling.Zip(reading, (l, r) => (l + r) / l)], 0.5):F2}");
        }

        async Task<(double Labelling, double Ocr, string Text)> TimeAsync(string file)
        {
            var watch = Stopwatch.StartNew();
            var frame = await decoder.DecodeFileAsync(file);
            var inputs = annotator.Prepare(frame, models);
            var outputs = new[] { models.CenterNet.Run(inputs[0].Values), models.BlazeFace.Run(inputs[1].Values), models.Text.Run(inputs[2].Values, inputs[2].Shape), models.Nsfw.Run(inputs[3].Values) };
            var labels = annotator.Decode(outputs, models, frame, annotator.RunTiles(frame, models));
            var labelling = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var withText = await annotator.ReadTextAsync(labels, frame, CancellationToken.None);
            return (labelling, watch.Elapsed.TotalMilliseconds, withText.Text.Content);
        }
    }
}
