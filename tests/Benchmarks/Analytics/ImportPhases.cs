using System.Diagnostics;
using System.Text;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Ingestion.Tables;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Insights.Benchmarks.Analytics;

/// <summary>Where the import's time goes: reading the CSV alone, reading and parsing every field, then the posts importer alone (no upload copy, no import record).</summary>
internal static class ImportPhases
{
    public static async Task RunAsync(string csv, int rows, IServiceProvider services, int profileId)
    {
        var clock = Stopwatch.StartNew();
        using (var reader = Open(csv))
        {
            long fields = 0;
            while (reader.Read())
                fields += reader.FieldCount;
        }
        var read = clock.Elapsed.TotalSeconds;

        clock.Restart();
        await using (var file = File.OpenRead(csv))
        using (var reader = ImportKinds.OpenTable(".csv", file))
        {
            while (reader.Read())
                GC.KeepAlive(reader[0]);
        }
        var exportRead = clock.Elapsed.TotalSeconds;

        clock.Restart();
        await using (var file = File.OpenRead(csv))
            await services.GetRequiredService<IFileStore>().SaveAsync("uploads", file, ".csv");
        var stored = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"   phases: read through the export reader (header search, totals rows) {exportRead:F2} s; store the upload (copy + SHA-256) {stored:F2} s");

        clock.Restart();
        using (var reader = Open(csv))
        {
            var map = ColumnMap.Build(reader.Header, PostImporter.Fields, out _);
            var report = new ImportReport("posts.csv", "posts");
            var parser = new PostRowParser(map, new FieldParsers(TimeZoneInfo.Utc, false), Insights.Analytics.Domain.MediaType.Image, report, 10);
            while (reader.Read())
                parser.Parse(reader);
            if (!report.Succeeded)
                throw new InvalidOperationException(string.Join("; ", report.Errors));
        }
        var parse = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"   phases: read CSV {read:F2} s ({rows / read:N0} rows/s), read + parse {parse:F2} s ({rows / parse:N0} rows/s)");

        clock.Restart();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        using (var reader = Open(csv))
        {
            var importer = new PostImporter(services.GetRequiredService<IDbContextFactory<InsightsDbContext>>(), services.GetRequiredService<DatabaseProvider>(), services.GetRequiredService<IOptions<ImportOptions>>().Value);
            var report = new ImportReport("posts.csv", "posts");
            await importer.ImportAsync(reader, profileId, null, report, null, CancellationToken.None);
            if (!report.Succeeded || report.Inserted != rows)
                throw new InvalidOperationException(string.Join("; ", report.Errors));
        }
        var write = clock.Elapsed.TotalSeconds;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"   phases: read + parse + upsert into SQLite {write:F2} s ({rows / write:N0} rows/s), CPU {cpu.TotalSeconds:F2} s");
    }

    private static CsvTableReader Open(string path) =>
        new(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 }));
}
