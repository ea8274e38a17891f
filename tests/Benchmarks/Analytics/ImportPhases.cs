using System.Diagnostics;
using System.Text;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Ingestion.Tables;

namespace Insights.Benchmarks.Analytics;

/// <summary>Where the import's time goes: reading the CSV alone, then reading and parsing every field (no database).</summary>
internal static class ImportPhases
{
    public static void Run(string csv, int rows)
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
        using (var reader = Open(csv))
        {
            var map = ColumnMap.Build(reader.Header, PostImporter.Fields, out _);
            var report = new ImportReport("posts.csv", "posts");
            var parser = new PostRowParser(map, new FieldParsers(TimeZoneInfo.Utc, false), report, 10);
            while (reader.Read())
                parser.Parse(reader);
            if (!report.Succeeded)
                throw new InvalidOperationException(string.Join("; ", report.Errors));
        }
        var parse = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"   phases (no database): read CSV {read:F2} s ({rows / read:N0} rows/s), read + parse {parse:F2} s ({rows / parse:N0} rows/s)");
    }

    private static CsvTableReader Open(string path) =>
        new(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 }));
}
