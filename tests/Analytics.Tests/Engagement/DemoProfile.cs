using System.Globalization;
using Insights.Analytics.Engagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Tests.Engagement;

/// <summary>
/// The demo profile (data/demo posts, followers, labels) imported into a temp SQLite database through
/// ImportService, with media.csv's true visual labels joined to each post's first media file as the
/// automatic labels, the way the Dashboard will hand over the Inference library's labels. Loaded once.
/// </summary>
public sealed class DemoProfile : IAsyncLifetime
{
    public IReadOnlyList<EngagementPost> Posts { get; private set; } = [];

    /// <summary>Default options: PoR (the demo's ER covers only the last two years) over its rolling median, seed 42.</summary>
    public EngagementOptions Options { get; } = new();

    public LabelBreakdown Breakdown { get; private set; } = null!;

    /// <summary>The same breakdown with 99% intervals, for the no-effect checks (many values are tested at once).</summary>
    public LabelBreakdown Breakdown99 { get; private set; } = null!;

    public DriversModel Model { get; private set; } = null!;

    public static string DemoFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Insights.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("Insights.sln not found above the test folder."), "data", "demo");
        }
    }

    public async Task InitializeAsync()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var profile = await db.CreateProfileAsync("demo");
        var folder = DemoFolder;
        var reports = await db.Import.ImportPathsAsync(profile, new[] { "posts.csv", "followers.csv", "labels.csv" }.Select(f => Path.Combine(folder, f)));
        Assert.All(reports, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors)));

        var media = ReadMediaLabels(Path.Combine(folder, "media.csv"));
        Dictionary<long, AutomaticLabels> automatic;
        await using (var context = db.NewContext())
        {
            var files = await context.Posts.Where(p => p.ProfileId == profile).Select(p => new { p.Id, p.MediaFileNames }).ToListAsync();
            automatic = files.Where(f => f.MediaFileNames is not null && media.ContainsKey(f.MediaFileNames.Split('|')[0]))
                .ToDictionary(f => f.Id, f => media[f.MediaFileNames!.Split('|')[0]]);
        }
        var service = db.Services.GetRequiredService<EngagementService>();
        Posts = await service.LoadPostsAsync(profile, automatic);
        Breakdown = LabelBreakdowns.Compute(Posts, Options);
        Breakdown99 = LabelBreakdowns.Compute(Posts, new EngagementOptions { IntervalLevel = 0.99 });
        Model = DriversTrainer.Train(Posts, Options);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    internal static Dictionary<string, AutomaticLabels> ReadMediaLabels(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = SplitCsv(lines[0]);
        int Col(string name) => Array.IndexOf(header, name);
        var result = new Dictionary<string, AutomaticLabels>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var f = SplitCsv(line);
            var people = int.Parse(f[Col("people")], CultureInfo.InvariantCulture);
            var categories = new Dictionary<string, string>
            {
                ["people"] = people switch { 0 => "no_person", 1 => "one_person", 2 => "two_persons", _ => "three_or_more" },
                ["text_overlay"] = f[Col("text_overlay")],
                ["illustration"] = f[Col("illustration")],
                ["animals"] = f[Col("animals")].Length > 0 ? "1" : "0",
                ["near_duplicate"] = f[Col("variant_of")].Length > 0 ? "1" : "0",
            };
            var numbers = new Dictionary<string, double>
            {
                ["brightness"] = double.Parse(f[Col("brightness")], CultureInfo.InvariantCulture),
                ["faces"] = double.Parse(f[Col("faces")], CultureInfo.InvariantCulture),
            };
            result[f[Col("file")]] = new AutomaticLabels(categories, numbers);
        }
        return result;
    }

    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return [.. fields];
    }
}
