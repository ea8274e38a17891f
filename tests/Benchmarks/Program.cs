using Insights.Benchmarks.Analytics;
using Insights.Benchmarks.Dashboard;
using Insights.Benchmarks.Inference;

// One console entry, one benchmark per name: dotnet run -c Release --project tests/Benchmarks -- <name> [options]
return args.FirstOrDefault() switch
{
    "import" => await ImportBenchmark.RunAsync(args[1..]),
    "pgimport" => await PostgresImportBenchmark.RunAsync(args[1..]),
    "classes" => ClassesBenchmark.Run(args[1..]),
    "engagement" => EngagementBenchmark.Run(args[1..]),
    "inference" => await InferenceBenchmark.RunAsync(args[1..]),
    "labels" => await LabelsBenchmark.RunAsync(args[1..]),
    "people" => await PeopleBenchmark.RunAsync(args[1..]),
    "predict" => await PredictBenchmark.RunAsync(args[1..]),
    "classifier" => await ClassifierBenchmark.RunAsync(args[1..]),
    "drivers" => DriversBenchmark.Run(args[1..]),
    "report" => await ReportBenchmark.RunAsync(args[1..]),
    "labelsource" => await LabelSourceBenchmark.RunAsync(args[1..]),
    "importjob" => await ImportJobBenchmark.RunAsync(args[1..]),
    "scale" => await ScaleBenchmark.RunAsync(args[1..]),
    "pages" => await PagesBenchmark.RunAsync(args[1..]),
    "claims" => await ClaimsBenchmark.RunAsync(args[1..]),
    "compare" => await CompareBenchmark.RunAsync(args[1..]),
    "recommend" => await RecommendBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Benchmarks <name> [options]");
    Console.Error.WriteLine("  import    [--rows N] [--runs N]   our CSV import vs the sqlite3 shell's .import of the same file");
    Console.Error.WriteLine("  pgimport  [--rows N] [--runs N]   our CSV import into PostgreSQL (COPY + merge) vs psql's \\copy of the same file");
    Console.Error.WriteLine("  classes   [--posts N] [--naive N]  rolling classes on N posts over 5 years, and vs the naive reference");
    Console.Error.WriteLine("  engagement [--posts N] [--features N] [--validate]  drivers model training, PDP over N rows, label breakdown with bootstrap");
    Console.Error.WriteLine("  people    [--every N]               people counting before/after: demo 5-fold CV and the held-out set, with 95% CIs and tile time");
    Console.Error.WriteLine("  labels    [options]                 per-image annotation latency vs bare ONNX Runtime, batch throughput, a 60 s clip");
    Console.Error.WriteLine("  predict   [--runs N] [--posts N]    draft prediction end to end (1080x1080 JPEG, 30 s video) vs bare ONNX Runtime");
    Console.Error.WriteLine("  classifier [--data DIR [--profile ID] [--l2 a,b]] [--posts N] [--no-10k]  classifier training with CV, exact cosine search vs bare Dot loop; real demo validation from a labelled data folder");
    Console.Error.WriteLine("  drivers   [--posts N] [--large N]   content map t-SNE at the demo size and 10,000 posts; Drivers page data load vs a bare JSON read");
    Console.Error.WriteLine("  report    [--posts N] [--runs N]   demo report content and PDF/XLSX/CSV; N posts as CSV (vs a bare StreamWriter) and XLSX");
    Console.Error.WriteLine("  labelsource --data DIR [--profile ID] [--runs N]  a labelled profile's labels: whole read vs the database read alone, and the refresh after one new row");
    Console.Error.WriteLine("  importjob [--rows N] [--runs N]   posts import through the Import page's job vs the API on the whole app, with the slowest concurrent sign-in");
    Console.Error.WriteLine("  scale     [--profiles N] [--posts N] [--media N] [--cache-mb N] [--visit N] [--keep]  synthetic labelled data written straight into the database: label format before/after, stamp query, label read vs bare, app start-up and peak RSS");
    Console.Error.WriteLine("  pages     [--posts 100000,1000000] [--media N] [--warm N] [--cache-mb N] [--pages /,/posts] [--screenshots DIR] [--keep] [--cold]  one generated profile per size, every data page in headless Chromium: time to its main chart or table, first visit and warm");
    Console.Error.WriteLine("  claims    [--jobs N] [--workers N]  job claims per second and double claims: the queue on PostgreSQL and SQLite vs bare Npgsql");
    Console.Error.WriteLine("  compare   [--profiles N] [--posts N] [--runs N]  the Compare page's data for N profiles x N synthetic posts, cold, vs a bare read of the same rows");
    Console.Error.WriteLine("  recommend [--posts N] [--runs N]    what to post next for one profile of N synthetic posts (model trained first), cold, vs a bare read of the same rows");
    Console.Error.WriteLine("  inference [--no-fetch]             per model: fetch + convert, load, p50 inference vs bare ONNX Runtime, size, peak memory");
    return 2;
}
