using System.Diagnostics;
using System.Globalization;
using ImageMagick;
using Insights.Inference;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Runtime;
using Insights.Inference.Video;
using Insights.Inference.Vision;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Insights.Benchmarks.Inference;

/// <summary>
/// Automatic labels: per-image latency (p50, p95) of a 1080x1080 JPEG with every labeler, against the
/// sum of bare ONNX Runtime Run calls on the same input tensors in the same process (runs alternate,
/// so shared-machine load hits both alike); batch throughput over demo images, all float and at the served
/// precision (Inference:Precision Auto: int8 where its gate passed); a 60 s clip end to end.
/// <c>--dump FILE</c> instead writes raw per-image scores of the demo images at low thresholds, for tuning.
/// What reading the overlay text adds: <see cref="OcrBenchmark"/> (alone with <c>--ocr-only</c>).
/// Usage: <c>dotnet run -c Release --project tests/Benchmarks -- labels [--runs N] [--batch N] [--ocr-only] [--dump FILE]</c>.
/// </summary>
internal static class LabelsBenchmark
{
    private const int Threads = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = RepositoryRoot();
        if (Option(args, "--fit-drawing") is { } embeddingsFile)
            return DrawingHeadFit.Run(embeddingsFile, root);
        var dump = Option(args, "--dump");
        var runs = int.Parse(Option(args, "--runs") ?? "40", CultureInfo.InvariantCulture);
        var batch = int.Parse(Option(args, "--batch") ?? "100", CultureInfo.InvariantCulture);
        // Auto, not the app's default (Float): the comparison below is float against int8 wherever its gate passed.
        var inference = new InferenceOptions { IntraOpThreads = Threads, ModelsDirectory = Path.Combine(root, "data", "models"), CacheDirectory = Path.Combine(root, "data", "cache", "models"), Precision = ModelPrecision.Auto };
        var labels = new LabelOptions();
        if (dump is not null)
        {
            // low thresholds: counts at any higher threshold can be recomputed from the scores
            labels.PersonThreshold = 0.1f;
            labels.ObjectThreshold = 0.1f;
            labels.FaceThreshold = 0.3f;
            labels.TextOverlayMinArea = 0;
        }

        using var sessions = new ModelSessions(new ModelStore(MsOptions.Create(inference), NullLogger<ModelStore>.Instance), MsOptions.Create(inference), NullLogger<ModelSessions>.Instance);
        var decoder = new ImageDecoder(MsOptions.Create(labels));
        var annotator = new ImageAnnotator(sessions, decoder, MsOptions.Create(labels));
        var media = Path.Combine(root, "data", "demo", "media");
        if (dump is not null)
            return await DumpAsync(annotator, media, dump);
        if (Option(args, "--dump-videos") is { } videoDump)
            return await DumpVideosAsync(annotator, labels, inference, media, videoDump);
        if (Option(args, "--dump-text") is { } textDump)
            return await DumpTextAndEmbeddingsAsync(sessions, labels, media, textDump);

        Console.WriteLine($"cpu: {Environment.ProcessorCount} cores; intra-op threads {Threads}");
        if (args.Contains("--ocr-only"))
        {
            await OcrBenchmark.RunAsync(annotator, decoder, media, batch);
            return 0;
        }

        await LatencyAsync(annotator, decoder, sessions, inference, media, runs, Option(args, "--image"));
        if (args.Contains("--latency-only"))
            return 0;
        await OcrBenchmark.RunAsync(annotator, decoder, media, batch);
        var floatInference = new InferenceOptions { IntraOpThreads = Threads, ModelsDirectory = inference.ModelsDirectory, CacheDirectory = inference.CacheDirectory, Precision = ModelPrecision.Float };
        using var floatSessions = new ModelSessions(new ModelStore(MsOptions.Create(floatInference), NullLogger<ModelStore>.Instance), MsOptions.Create(floatInference), NullLogger<ModelSessions>.Instance);
        var floatAnnotator = new ImageAnnotator(floatSessions, decoder, MsOptions.Create(labels));
        var served = await annotator.GetSessionsAsync(CancellationToken.None);
        var precisions = string.Join(", ", new[] { served.CenterNet, served.BlazeFace, served.Text, served.Nsfw }.Select(m => $"{m.Manifest.Name} {m.Manifest.Precision}"));
        await ThroughputAsync(floatAnnotator, media, batch, "float");
        await ThroughputAsync(annotator, media, batch, $"served ({precisions})");
        await VideoAsync(annotator, labels, inference, media);
        return 0;
    }

    private static async Task LatencyAsync(ImageAnnotator annotator, ImageDecoder decoder, ModelSessions sessions, InferenceOptions inference, string media, int runs, string? path)
    {
        // a real photo (street scene with people and text-free background) scaled to 1080x1080, JPEG quality 90
        using var image = new MagickImage(path ?? Path.Combine(media, "img_0004.jpg"));
        if (path is null)
            image.Resize(new MagickGeometry(1080, 1080) { IgnoreAspectRatio = true });
        image.Quality = 90;
        var jpeg = image.ToByteArray(MagickFormat.Jpeg);

        var models = await annotator.GetSessionsAsync(CancellationToken.None);
        var inputs = annotator.Prepare(decoder.Decode(jpeg), models);
        // bare baseline: plain InferenceSessions on the same ONNX files, same options, same tensors
        using var so = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = Threads };
        var bare = inputs.Select(i => (Input: i, Session: new InferenceSession(Path.Combine(inference.CacheDirectory, i.Model, "model.onnx"), so))).ToList();

        for (var i = 0; i < 3; i++)
        {
            await annotator.AnnotateAsync(jpeg);
            RunBare(bare);
        }

        var ours = new List<double>();
        var baseline = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await annotator.AnnotateAsync(jpeg);
            ours.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            RunBare(bare);
            baseline.Add(watch.Elapsed.TotalMilliseconds);
        }

        foreach (var b in bare)
            b.Session.Dispose();
        Console.WriteLine($"latency, {image.Width}x{image.Height} JPEG ({jpeg.Length / 1024} KB), every labeler, {runs} runs alternating with the bare baseline:");
        Console.WriteLine($"  ours (decode + resize + 4 models + decoding + stats): p50 {P(ours, 0.5):F0} ms, p95 {P(ours, 0.95):F0} ms");
        Console.WriteLine($"  bare ORT Run x4 (same tensors):                      p50 {P(baseline, 0.5):F0} ms, p95 {P(baseline, 0.95):F0} ms");
        Console.WriteLine($"  bare p50 per model: {string.Join(", ", PerModel.Select(m => $"{m.Key} {P(m.Value, 0.5):F0} ms"))}; text input {bare[2].Input.Shape![3]}x{bare[2].Input.Shape![2]}");
        Console.WriteLine($"  ratio p50 {P(ours, 0.5) / P(baseline, 0.5):F2}, p95 {P(ours, 0.95) / P(baseline, 0.95):F2} (target <= 1.3)");
    }

    private static readonly Dictionary<string, List<double>> PerModel = [];

    private static void RunBare(List<(ModelInput Input, InferenceSession Session)> bare)
    {
        foreach (var (input, session) in bare)
        {
            var watch = Stopwatch.StartNew();
            var shape = input.Shape ?? [.. session.InputMetadata.Values.First().Dimensions.Select(d => (long)d)];
            using var value = OrtValue.CreateTensorValueFromMemory(input.Values, shape);
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, [session.InputNames[0]], [value], session.OutputNames);
            (PerModel.TryGetValue(input.Model, out var list) ? list : PerModel[input.Model] = []).Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    private static async Task ThroughputAsync(ImageAnnotator annotator, string media, int batch, string precision)
    {
        await annotator.AnnotateFileAsync(Directory.GetFiles(media, "img_*.jpg").Order(StringComparer.Ordinal).First());
        var files = Directory.GetFiles(media, "img_*.jpg").Order(StringComparer.Ordinal).Take(batch).ToList();
        var watch = Stopwatch.StartNew();
        foreach (var file in files)
            await annotator.AnnotateFileAsync(file);
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"batch, {precision}: {files.Count} demo JPEGs (320 px long side), one after another: {files.Count / seconds:F1} images/s ({seconds:F1} s)");
    }

    private static async Task VideoAsync(ImageAnnotator annotator, LabelOptions labels, InferenceOptions inference, string media)
    {
        var clip = Path.Combine(media, "vid_bench_60s.mp4");
        if (!File.Exists(clip))
        {
            Console.WriteLine("video: data/demo/media/vid_bench_60s.mp4 missing; skipped");
            return;
        }

        var tools = new FfmpegTools(MsOptions.Create(labels), MsOptions.Create(inference));
        var videos = new VideoAnnotator(annotator, new VideoFrameReader(tools, MsOptions.Create(labels)), MsOptions.Create(labels));
        await videos.AnnotateFileAsync(clip);
        var times = new List<double>();
        VideoAnnotation? result = null;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            result = await videos.AnnotateFileAsync(clip);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"video: 60 s clip ({new FileInfo(clip).Length / 1024} KB, {result!.Labels.Width}x{result.Labels.Height}), {result.Frames.Count} frames sampled, end to end (probe + decode + annotate + aggregate): median {P(times, 0.5):F0} ms of 3");
    }

    private static async Task<int> DumpAsync(ImageAnnotator annotator, string media, string output)
    {
        await using var writer = new StreamWriter(output);
        await writer.WriteLineAsync("file,persons,faces,text_area,text_boxes,drawing,nsfw,objects,ms");
        foreach (var file in Directory.GetFiles(media, "img_*.jpg").Order(StringComparer.Ordinal))
        {
            var watch = Stopwatch.StartNew();
            var l = await annotator.AnnotateFileAsync(file);
            var ms = watch.Elapsed.TotalMilliseconds;
            var persons = string.Join(';', l.People.Boxes.Select(b => b.Score.ToString("F3", CultureInfo.InvariantCulture)));
            var faces = string.Join(';', l.Faces.Boxes.Select(b => b.Score.ToString("F3", CultureInfo.InvariantCulture)));
            var objects = string.Join(';', l.Objects.SelectMany(o => o.Boxes.Select(b => $"{o.Name}:{b.Score:F3}")));
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(file)},{persons},{faces},{l.Text.AreaRatio:F4},{l.Text.Boxes.Count},{l.Style.DrawingScore:F4},{l.Style.NsfwScore:F4},{objects},{ms:F0}"));
        }

        return 0;
    }

    /// <summary>Text regions (box, pixels, mean score) and the 1280-d embedding of every demo image: the data for tuning the text filter and fitting the drawing head.</summary>
    private static async Task<int> DumpTextAndEmbeddingsAsync(ModelSessions sessions, LabelOptions labels, string media, string output)
    {
        var decoder = new ImageDecoder(MsOptions.Create(labels));
        var text = await sessions.GetAsync(ModelNames.TextDetector);
        var nsfw = await sessions.GetAsync(ModelNames.Nsfw);
        await using var writer = new StreamWriter(output);
        await using var embeddings = new StreamWriter(output + ".embeddings");
        foreach (var file in Directory.GetFiles(media, "img_*.jpg").Order(StringComparer.Ordinal))
        {
            var frame = decoder.Decode(await File.ReadAllBytesAsync(file));
            var (w, h) = TextOverlayLabeler.InputSize(frame.Width, frame.Height, labels.TextDetectorSide);
            var resized = frame.Resize(w, h);
            var map = text.Run(ImageTensor.FromRgb(resized.Pixels, w, h, text.Manifest), [1, 3, h, w])[text.Manifest.Outputs[0].Name];
            var regions = Insights.Inference.Detection.TextMapDecoder.Decode(map, labels.TextPixelThreshold, 0.3f);
            await writer.WriteLineAsync($"{Path.GetFileName(file)},{w},{h},{string.Join(';', regions.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.X1} {r.Y1} {r.X2} {r.Y2} {r.Pixels} {r.MeanScore:F3}")))}");
            var embedding = nsfw.Run(ModelInputs.Stretched(frame, nsfw.Manifest))["embedding"].Values;
            await embeddings.WriteLineAsync($"{Path.GetFileName(file)},{string.Join(',', embedding.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)))}");
        }

        return 0;
    }

    /// <summary>Video labels (aggregated) of every demo clip, to compare with media.csv.</summary>
    private static async Task<int> DumpVideosAsync(ImageAnnotator annotator, LabelOptions labels, InferenceOptions inference, string media, string output)
    {
        var videos = new VideoAnnotator(annotator, new VideoFrameReader(new FfmpegTools(MsOptions.Create(labels), MsOptions.Create(inference)), MsOptions.Create(labels)), MsOptions.Create(labels));
        await using var writer = new StreamWriter(output);
        await writer.WriteLineAsync("file,frames,people,frame_people,faces,text,drawing,ms");
        foreach (var file in Directory.GetFiles(media, "vid_*.mp4").Order(StringComparer.Ordinal))
        {
            var watch = Stopwatch.StartNew();
            var v = await videos.AnnotateFileAsync(file);
            var l = v.Labels;
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(file)},{l.Frames},{l.People.Count},{string.Join(';', v.Frames.Select(f => f.Labels.People.Count))},{l.Faces.Count},{(l.Text.Present ? 1 : 0)},{(l.Style.IsDrawing ? 1 : 0)},{watch.Elapsed.TotalMilliseconds:F0}"));
        }

        return 0;
    }

    internal static double P(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

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
