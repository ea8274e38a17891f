using System.Diagnostics;
using Insights.Analytics.Engagement;
using Insights.Analytics.Reports;
using Insights.Analytics.Tests.Engagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Tests.Reports;

/// <summary>
/// The demo profile with its media imported and media.csv's labels as the automatic labels, and the report
/// content of 2025 built once (drivers trained by the builder). Shared by the writer tests.
/// </summary>
public sealed class DemoReport : IAsyncLifetime
{
    private AnalyticsDatabase? _db;

    public ReportContent Content { get; private set; } = null!;

    public static readonly DateOnly From = new(2025, 1, 1);
    public static readonly DateOnly To = new(2025, 12, 31);

    public async Task InitializeAsync()
    {
        _db = await AnalyticsDatabase.CreateAsync(new Dictionary<string, string?> { ["Engagement:BootstrapResamples"] = "200", ["Engagement:ImportanceRepeats"] = "2" });
        var profile = await _db.CreateProfileAsync("demo");
        var folder = DemoProfile.DemoFolder;
        var reports = await _db.Import.ImportPathsAsync(profile, new[] { "posts.csv", "followers.csv", "labels.csv", "media" }.Select(f => Path.Combine(folder, f)));
        Assert.All(reports, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors)));
        var media = DemoProfile.ReadMediaLabels(Path.Combine(folder, "media.csv"));
        Dictionary<long, AutomaticLabels> automatic;
        await using (var context = _db.NewContext())
        {
            var files = await context.Posts.Where(p => p.ProfileId == profile).Select(p => new { p.Id, p.MediaFileNames }).ToListAsync();
            automatic = files.Where(f => f.MediaFileNames is not null && media.ContainsKey(f.MediaFileNames.Split('|')[0]))
                .ToDictionary(f => f.Id, f => media[f.MediaFileNames!.Split('|')[0]]);
        }
        Content = await _db.Services.GetRequiredService<ReportBuilder>().BuildAsync(new ReportRequest(profile, From, To), automatic);
    }

    public async Task DisposeAsync()
    {
        if (_db is not null)
            await _db.DisposeAsync();
    }

    /// <summary>Runs a poppler tool (pdftotext, pdfinfo, pdftoppm) and returns its standard output.</summary>
    public static string Poppler(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {error}");
        return output;
    }
}

[CollectionDefinition(Name)]
public sealed class DemoReportCollection : ICollectionFixture<DemoReport>
{
    public const string Name = "demo report";
}
