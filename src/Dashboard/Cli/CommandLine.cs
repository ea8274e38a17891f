using Insights.Analytics.Ingestion;
using Insights.Analytics.Storage;
using Insights.Dashboard.Extensions;

namespace Insights.Dashboard.Cli;

/// <summary>
/// Commands run instead of the web server: `import --profile NAME FILE...`.
/// They use the same services and settings as the app.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Commands = ["import"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        var builder = Host.CreateApplicationBuilder(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddDashboardCore();
        using var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        return args[0] switch
        {
            "import" => await ImportAsync(args[1..], host.Services, output),
            _ => 2,
        };
    }

    private static async Task<int> ImportAsync(string[] args, IServiceProvider services, TextWriter output)
    {
        string? profile = null;
        var files = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--profile" && i + 1 < args.Length)
                profile = args[++i];
            else if (!args[i].StartsWith("--", StringComparison.Ordinal))
                files.Add(args[i]);
        }
        if (profile is null || files.Count == 0)
        {
            await output.WriteLineAsync("usage: import --profile NAME FILE_OR_FOLDER...");
            return 2;
        }

        var imports = services.GetRequiredService<ImportService>();
        var target = await imports.EnsureProfileAsync(profile);
        var reports = await imports.ImportPathsAsync(target.Id, files.Select(Path.GetFullPath));
        foreach (var report in reports)
        {
            if (report.Succeeded)
                await output.WriteLineAsync($"{report.File} ({report.Kind}): {report.RowsRead:N0} read, {report.Inserted:N0} inserted, {report.Updated:N0} updated");
            else
                await output.WriteLineAsync($"{report.File} ({report.Kind}): NOT imported, {report.ErrorCount:N0} error(s)");
            foreach (var warning in report.Warnings)
                await output.WriteLineAsync($"  warning: {warning}");
            foreach (var error in report.Errors)
                await output.WriteLineAsync($"  {error}");
            if (report.ErrorCount > report.Errors.Count)
                await output.WriteLineAsync($"  ... and {report.ErrorCount - report.Errors.Count:N0} more");
        }
        return reports.All(r => r.Succeeded) ? 0 : 1;
    }
}
