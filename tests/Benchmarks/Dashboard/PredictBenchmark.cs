using System.Diagnostics;
using System.Globalization;
using ImageMagick;
using Insights.Analytics.Classification;
using Insights.Dashboard.Prediction;
using Insights.Inference;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Runtime;
using Insights.Inference.Video;
using Insights.Inference.Vision;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Insights.Benchmarks.Dashboard;

/// <summary>
/// Prediction of a draft end to end as the Predict page runs it (<see cref="DraftAnalyzer"/>): read and
/// decode a 1080x1080 JPEG, every labeler, the embedding, the classifier head, the class activation map
/// upsampled and rendered as PNG, and the exact cosine search over 10,000 past posts; p50 and p95 against
/// the bare ONNX Runtime Run calls on the same input tensors, alternating in one process. Then a 30 s video
/// draft end to end. The head and the embeddings are random (their cost does not depend on their values).
/// Ours runs at the served precision (Inference:Precision, default Auto: int8 where its gate passed) and at
/// float, both against the bare float Run calls; the ratio line is the served precision's.
/// Usage: <c>dotnet run -c Release --project tests/Benchmarks -- predict [--runs N] [--posts N] [--precision Auto|Int8|Float]</c>.
/// </summary>
internal static class PredictBenchmark
{
    private const int Threads = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = RepositoryRoot();
        var runs = int.Parse(Option(args, "--runs") ?? "40", CultureInfo.InvariantCulture);
        var postCount = int.Parse(Option(args, "--posts") ?? "10000", CultureInfo.InvariantCulture);
        var precision = Enum.Parse<ModelPrecision>(Option(args, "--precision") ?? nameof(ModelPrecision.Auto), ignoreCase: true);
        var inference = new InferenceOptions { IntraOpThreads = Threads, ModelsDirectory = Path.Combine(root, "data", "models"), CacheDirectory = Path.Combine(root, "data", "cache", "models"), Precision = precision };
        var floatInference = new InferenceOptions { IntraOpThreads = Threads, ModelsDirectory = inference.ModelsDirectory, CacheDirectory = inference.CacheDirectory, Precision = ModelPrecision.Float };
        var labels = new LabelOptions();
        using var sessions = new ModelSessions(new ModelStore(MsOptions.Create(inference), NullLogger<ModelStore>.Instance), MsOptions.Create(inference), NullLogger<ModelSessions>.Instance);
        using var floatSessions = new ModelSessions(new ModelStore(MsOptions.Create(floatInference), NullLogger<ModelStore>.Instance), MsOptions.Create(floatInference), NullLogger<ModelSessions>.Instance);
        var decoder = new ImageDecoder(MsOptions.Create(labels));
        var (images, annotator) = Annotators(sessions, decoder, labels, inference);
        var (floatImages, floatAnnotator) = Annotators(floatSessions, decoder, labels, floatInference);

        var random = new Random(42);
        var classifier = new PopularityClassifier(3, 1280, [.. Enumerable.Range(0, 3 * 1280).Select(_ => (float)(random.NextDouble() - 0.5))], [0f, 0f, 0f]);
        var posts = RandomPosts(postCount, 1280, random);
        Console.WriteLine($"cpu: {Environment.ProcessorCount} cores; intra-op threads {Threads}; {postCount:N0} past posts to search");

        var media = Path.Combine(root, "data", "demo", "media");
        var work = Path.Combine(Path.GetTempPath(), $"insights-predict-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            await ImageAsync(new Stack(annotator, images), new Stack(floatAnnotator, floatImages), decoder, classifier, posts, inference, media, work, runs);
            await VideoAsync(annotator, classifier, posts, media, work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return 0;
    }

    private sealed record Stack(MediaAnnotator Annotator, ImageAnnotator Images);

    private static (ImageAnnotator Images, MediaAnnotator Annotator) Annotators(ModelSessions sessions, ImageDecoder decoder, LabelOptions labels, InferenceOptions inference)
    {
        var images = new ImageAnnotator(sessions, decoder, MsOptions.Create(labels));
        var videos = new VideoAnnotator(images, new VideoFrameReader(new FfmpegTools(MsOptions.Create(labels), MsOptions.Create(inference)), MsOptions.Create(labels)), MsOptions.Create(labels));
        return (images, new MediaAnnotator(images, videos, MsOptions.Create(labels)));
    }

    private static async Task ImageAsync(Stack served, Stack floats, ImageDecoder decoder, PopularityClassifier classifier, SimilarPosts posts,
        InferenceOptions inference, string media, string work, int runs)
    {
        var (annotator, images) = (served.Annotator, served.Images);
        // a real photo scaled to 1080x1080, JPEG quality 90 (as the labels benchmark)
        using var image = new MagickImage(Path.Combine(media, "img_0004.jpg"));
        image.Resize(new MagickGeometry(1080, 1080) { IgnoreAspectRatio = true });
        image.Quality = 90;
        var jpeg = image.ToByteArray(MagickFormat.Jpeg);
        var path = Path.Combine(work, "draft.jpg");
        await File.WriteAllBytesAsync(path, jpeg);

        var models = await images.GetSessionsAsync(CancellationToken.None);
        var floatModels = await floats.Images.GetSessionsAsync(CancellationToken.None);
        Console.WriteLine($"served precision (Inference:Precision {inference.Precision}), and the int8 gate on the demo's validation images:");
        foreach (var session in new[] { models.CenterNet, models.BlazeFace, models.Text, models.Nsfw })
            Console.WriteLine($"  {session.Manifest.Name}: {session.Manifest.Precision}; {await GateAsync(session.Manifest.Name, inference)}");
        var inputs = images.Prepare(decoder.Decode(jpeg), floatModels);
        using var so = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = Threads };
        var bare = inputs.Select(i => (Input: i, Session: new InferenceSession(Path.Combine(inference.CacheDirectory, i.Model, "model.onnx"), so))).ToList();

        for (var i = 0; i < 3; i++)
        {
            await DraftAnalyzer.AnalyseAsync(annotator, path, "draft.jpg", classifier, posts, 6, 256);
            await DraftAnalyzer.AnalyseAsync(floats.Annotator, path, "draft.jpg", classifier, posts, 6, 256);
            RunBare(bare);
        }

        var ours = new List<double>();
        var oursFloat = new List<double>();
        var baseline = new List<double>();
        DraftAnalysis? last = null;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            last = await DraftAnalyzer.AnalyseAsync(annotator, path, "draft.jpg", classifier, posts, 6, 256);
            ours.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            RunBare(bare);
            baseline.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await DraftAnalyzer.AnalyseAsync(floats.Annotator, path, "draft.jpg", classifier, posts, 6, 256);
            oursFloat.Add(watch.Elapsed.TotalMilliseconds);
        }
        foreach (var b in bare)
            b.Session.Dispose();

        // the parts after the models, timed alone
        var features = last!.Annotation.Labels.FeatureMap!;
        var query = last.Annotation.Labels.EmbeddingNormalized;
        var head = Time(200, () => classifier.Probabilities(query));
        var cam = Time(50, () => HeatmapRenderer.RenderPng(ClassActivationMap.Compute(features, DraftAnalyzer.CentredWeights(classifier, 0)), 7, 7, 1080, 1080, 256));
        var search = Time(50, () => posts.Top(query, 6));

        Console.WriteLine($"prediction of a 1080x1080 JPEG ({jpeg.Length / 1024} KB), {runs} runs alternating with the bare baseline:");
        Console.WriteLine($"  ours, served precision (read + decode + 4 models + label decoding + stats + head + CAM PNG + top-6 of {posts.Count:N0}): p50 {P(ours, 0.5):F0} ms, p95 {P(ours, 0.95):F0} ms (target p50 < 150 ms)");
        Console.WriteLine($"  ours, all float:                 p50 {P(oursFloat, 0.5):F0} ms, p95 {P(oursFloat, 0.95):F0} ms (float over bare float: p50 {P(oursFloat, 0.5) / P(baseline, 0.5):F2}, p95 {P(oursFloat, 0.95) / P(baseline, 0.95):F2})");
        Console.WriteLine($"  bare float ORT Run x4 (same tensors):  p50 {P(baseline, 0.5):F0} ms, p95 {P(baseline, 0.95):F0} ms");
        Console.WriteLine($"  ratio p50 {P(ours, 0.5) / P(baseline, 0.5):F2}, p95 {P(ours, 0.95) / P(baseline, 0.95):F2} (served precision over bare float; target <= 0.8)");
        // where our time goes before and after the models, each part alone on the same image
        var frame = decoder.Decode(jpeg);
        var decode = Time(20, () => decoder.Decode(jpeg));
        var prepare = Time(20, () => images.Prepare(frame, models));
        var stats = Time(20, () => VisualStats.Compute(frame));
        var outputs = inputs.Select((input, i) => (input, outputs: i switch
        {
            0 => models.CenterNet.Run(input.Values),
            1 => models.BlazeFace.Run(input.Values),
            2 => models.Text.Run(input.Values, input.Shape),
            _ => models.Nsfw.Run(input.Values),
        })).ToList();
        var tiles = images.RunTiles(frame, models);
        var labelling = Time(20, () => images.Decode(outputs.Select(o => o.outputs).ToList(), models, frame, tiles));
        Console.WriteLine($"  our parts alone (median): JPEG decode {decode:F1} ms, 4 resizes + input tensors {prepare:F1} ms, head decoding (detections, faces, text, style) {labelling:F1} ms, visual stats {stats:F1} ms");
        Console.WriteLine($"  parts alone (median): head {head * 1000:F1} µs, CAM + upsample + colour map + PNG {cam:F1} ms, cosine top-6 over {posts.Count:N0} {search:F2} ms");
    }

    private static async Task VideoAsync(MediaAnnotator annotator, PopularityClassifier classifier, SimilarPosts posts, string media, string work)
    {
        // 30 s of a real demo clip (looped), scaled to 1080 px wide, H.264
        var clip = Path.Combine(work, "draft-30s.mp4");
        using (var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-y", "-stream_loop", "-1", "-i", Path.Combine(media, "vid_001.mp4"),
            "-t", "30", "-vf", "scale=1080:-2", "-c:v", "libx264", "-pix_fmt", "yuv420p", clip]) { RedirectStandardError = true })!)
        {
            await ffmpeg.WaitForExitAsync();
            if (ffmpeg.ExitCode != 0)
            {
                Console.WriteLine($"video: ffmpeg could not make the clip: {await ffmpeg.StandardError.ReadToEndAsync()}");
                return;
            }
        }

        await DraftAnalyzer.AnalyseAsync(annotator, clip, "draft-30s.mp4", classifier, posts, 6, 256);
        var times = new List<double>();
        DraftAnalysis? result = null;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            result = await DraftAnalyzer.AnalyseAsync(annotator, clip, "draft-30s.mp4", classifier, posts, 6, 256);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"video draft: 30 s clip ({new FileInfo(clip).Length / 1024} KB, {result!.Annotation.Labels.Width}x{result.Annotation.Labels.Height}), " +
            $"{result.Annotation.Frames.Count} frames sampled, each with its map; end to end (probe + decode + labels + head + {result.Maps.Count} maps + search): median {P(times, 0.5):F0} ms of 3");
    }

    // the gate's verdict as the int8 manifest records it (the store builds it on first need)
    private static async Task<string> GateAsync(string model, InferenceOptions inference)
    {
        if (ModelCatalog.Get(model).Conversion is null)
            return "no int8 form (shipped as ONNX)";
        try
        {
            var file = await new ModelStore(MsOptions.Create(inference), NullLogger<ModelStore>.Instance).EnsureInt8Async(model);
            return $"gate {(file.Manifest.Quantisation!.Gate.Passed ? "passed" : "failed")}: {file.Manifest.Quantisation.Gate.Reason}";
        }
        catch (ModelUnavailableException e)
        {
            return e.Message;
        }
    }

    private static SimilarPosts RandomPosts(int n, int d, Random random)
    {
        var matrix = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            var row = matrix.AsSpan(i * d, d);
            for (var k = 0; k < d; k++)
                row[k] = (float)random.NextDouble();
            var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(row));
            for (var k = 0; k < d; k++)
                row[k] /= norm;
        }
        return new SimilarPosts([.. Enumerable.Range(0, n).Select(i => (long)i)], matrix, d);
    }

    private static void RunBare(List<(ModelInput Input, InferenceSession Session)> bare)
    {
        foreach (var (input, session) in bare)
        {
            var shape = input.Shape ?? [.. session.InputMetadata.Values.First().Dimensions.Select(d => (long)d)];
            using var value = OrtValue.CreateTensorValueFromMemory(input.Values, shape);
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, [session.InputNames[0]], [value], session.OutputNames);
        }
    }

    private static double Time(int runs, Action action)
    {
        action();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return P(times, 0.5);
    }

    private static double P(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(q * sorted.Count))];
    }

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Insights.sln")))
                return directory.FullName;
        }
        throw new DirectoryNotFoundException("Insights.sln not found above the benchmark folder.");
    }
}
