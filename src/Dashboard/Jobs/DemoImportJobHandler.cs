using System.Text.Json;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Jobs;

namespace Insights.Dashboard.Jobs;

public sealed record DemoImportPayload(string ProfileName, string Folder);

/// <summary>Imports the demo profile from its folder (posts, followers, labels, media).</summary>
public sealed class DemoImportJobHandler(ImportService imports) : IJobHandler
{
    public const string JobKind = "demo-import";

    public string Kind => JobKind;

    public async Task<string?> RunAsync(BackgroundJob job, IJobProgress progress, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<DemoImportPayload>(job.PayloadJson) ?? throw new InvalidOperationException("The demo job has no payload.");
        var profile = await imports.EnsureProfileAsync(payload.ProfileName, "instagram", cancellationToken);
        var paths = new[] { "posts.csv", "followers.csv", "labels.csv", "media" }
            .Select(name => Path.Combine(payload.Folder, name))
            .Where(path => File.Exists(path) || Directory.Exists(path))
            .ToList();
        var step = 0;
        var reports = new List<ImportReport>();
        foreach (var path in paths)
        {
            var current = step;
            progress.Report(current, paths.Count, $"Importing {Path.GetFileName(path)}");
            var rows = new InlineProgress<ImportProgress>(p => progress.Report(current, paths.Count, $"{p.File}: {p.Done:N0} read"));
            reports.AddRange(await imports.ImportPathsAsync(profile.Id, [path], rows, cancellationToken));
            progress.Report(++step, paths.Count, $"Imported {Path.GetFileName(path)}");
        }
        var failed = reports.Where(r => !r.Succeeded).ToList();
        if (failed.Count > 0)
            throw new InvalidOperationException("The demo data did not import: " + string.Join("; ", failed.SelectMany(r => r.Errors.Take(3))));
        return JsonSerializer.Serialize(reports);
    }
}
