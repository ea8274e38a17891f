using System.Text.Json;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Ingestion.Platforms;
using Insights.Analytics.Jobs;
using Insights.Analytics.Profiles;
using Insights.Analytics.Reports;
using Insights.Analytics.Storage;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Extensions;
using Insights.Dashboard.Hosting;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Model;
using Insights.Dashboard.Reports;

namespace Insights.Dashboard.Cli;

/// <summary>
/// Commands run instead of the web server: `import --profile NAME [--platform P] FILE...`,
/// `report --profile NAME [--from DATE] [--to DATE] [--format pdf|xlsx|csv] [--compare B,C] --out FILE`, `apikey create --user EMAIL`,
/// `migrate` (applies the migrations of both contexts under the provider's migration lock, creates the roles and
/// the first admin, and exits: the deployment step before instances that run with Storage:MigrateOnStart=false).
/// They use the same services and settings as the app.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Commands = ["import", "report", "apikey", "migrate"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        var builder = Host.CreateApplicationBuilder(ConfigurationReload.Off(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray()));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddDashboardCore();
        using var host = builder.Build();
        if (args[0] == "migrate")
            return await MigrateAsync(host.Services, output);
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await host.Services.GetRequiredService<Labels.LegacyLabelConverter>().ConvertAsync();
        await host.Services.GetRequiredService<AccountsDatabase>().InitializeAsync();
        return args[0] switch
        {
            "import" => await ImportAsync(args[1..], host.Services, output),
            "report" => await ReportAsync(args[1..], host.Services, output),
            "apikey" => await ApiKeyAsync(args[1..], host.Services, output),
            _ => 2,
        };
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, TextWriter output)
    {
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        await services.GetRequiredService<Labels.LegacyLabelConverter>().ConvertAsync();
        var accounts = services.GetRequiredService<AccountsDatabase>();
        await accounts.MigrateAsync();
        await accounts.EnsureFirstAdminAsync();
        EnsureDataProtectionKey(services);
        await output.WriteLineAsync($"Database migrated ({services.GetRequiredService<DatabaseProvider>().Name}).");
        return 0;
    }

    /// <summary>
    /// Creates the first Data Protection key (cookies, antiforgery tokens) in the database when there is none, so
    /// instances started together after this step share one key instead of each making its own and refusing the
    /// others' cookies until their key rings reload.
    /// </summary>
    private static void EnsureDataProtectionKey(IServiceProvider services)
    {
        var keys = services.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>();
        var now = DateTimeOffset.UtcNow;
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(7)))
            keys.CreateNewKey(now, now.AddDays(90));
    }

    private static async Task<int> ImportAsync(string[] args, IServiceProvider services, TextWriter output)
    {
        string? profile = null;
        string? platform = null;
        var files = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--profile" && i + 1 < args.Length)
                profile = args[++i];
            else if (args[i] == "--platform" && i + 1 < args.Length)
                platform = args[++i];
            else if (!args[i].StartsWith("--", StringComparison.Ordinal))
                files.Add(args[i]);
        }
        if (profile is null || files.Count == 0)
        {
            await output.WriteLineAsync($"usage: import --profile NAME [--platform {string.Join("|", PlatformCatalog.Names)}] FILE_OR_FOLDER...");
            return 2;
        }
        if (platform is not null && PlatformCatalog.Problem(platform) is { } problem)
        {
            await output.WriteLineAsync($"error: {problem}");
            return 2;
        }

        var imports = services.GetRequiredService<ImportService>();
        var existing = await services.GetRequiredService<ProfileCatalog>().FindAsync(profile);
        if (existing is null && ProfileNames.Problem(profile) is { } nameProblem)
        {
            await output.WriteLineAsync($"--profile: {nameProblem}");
            return 2;
        }
        var target = existing ?? await imports.EnsureProfileAsync(profile, platform ?? "instagram");
        // Through the queue like every import: this process runs the job unless a worker took it first, and the job's
        // end queues the labelling and retraining it calls for (run by the server's workers).
        var paths = files.Select(Path.GetFullPath).ToList();
        var id = await services.GetRequiredService<JobQueue>().EnqueueAsync(ImportJobHandler.JobKind,
            $"Import {string.Join(", ", paths.Select(Path.GetFileName))} into '{target.Name}' (command line)", target.Id,
            JsonSerializer.Serialize(new ImportJobPayload(target.Id, [], paths, platform)));
        var job = await services.GetRequiredService<JobRunner>().RunOneAsync(id);
        if (job.Status != JobStatus.Succeeded)
        {
            await output.WriteLineAsync($"error: the import failed: {job.Error}");
            return 1;
        }
        var reports = JsonSerializer.Deserialize<List<ImportReport>>(job.ResultJson ?? "[]") ?? [];
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
        // The command line is local and signs in nobody; the audit log records it as "local".
        await services.GetRequiredService<IAuditLog>().WriteAsync("local", AuditActions.Import, $"command-line import into '{target.Name}': " + string.Join("; ", reports.Select(r =>
            r.Succeeded ? $"{r.File} ({r.Kind}) {r.Inserted} inserted, {r.Updated} updated" : $"{r.File} refused, {r.ErrorCount} error(s)")));
        return reports.All(r => r.Succeeded) ? 0 : 1;
    }

    private static async Task<int> ReportAsync(string[] args, IServiceProvider services, TextWriter output)
    {
        const string usage = "usage: report --profile NAME [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--format pdf|xlsx|csv] [--compare NAME,NAME] --out FILE";
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--profile" or "--from" or "--to" or "--format" or "--out" or "--compare" && i + 1 < args.Length)
                options[args[i][2..]] = args[++i];
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains('='))
                continue; // a setting (--Section:Key=value), read by the host
            else
            {
                await output.WriteLineAsync($"error: unexpected argument '{args[i]}'");
                await output.WriteLineAsync(usage);
                return 1;
            }
        }
        if (!options.TryGetValue("profile", out var profile) || !options.TryGetValue("out", out var outPath))
        {
            await output.WriteLineAsync("error: --profile and --out are required");
            await output.WriteLineAsync(usage);
            return 1;
        }
        var formatText = options.GetValueOrDefault("format") ?? Path.GetExtension(outPath).TrimStart('.');
        if (!ReportFormats.TryParse(formatText, out var format))
        {
            await output.WriteLineAsync($"error: --format '{formatText}' is not a report format (pdf, xlsx or csv)");
            return 1;
        }
        if (!DayRange.TryParse(options.GetValueOrDefault("from"), options.GetValueOrDefault("to"), out var range, out var error))
        {
            await output.WriteLineAsync($"error: --{error}");
            return 1;
        }
        var found = await services.GetRequiredService<ProfileCatalog>().FindAsync(profile);
        if (found is null)
        {
            await output.WriteLineAsync($"error: no profile '{profile}'");
            return 1;
        }
        // The command line runs as the machine's owner, who sees every profile.
        var compared = new List<int>();
        foreach (var name in (options.GetValueOrDefault("compare") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var other = await services.GetRequiredService<ProfileCatalog>().FindAsync(name);
            if (other is null)
            {
                await output.WriteLineAsync($"error: no profile '{name}' to compare with");
                return 1;
            }
            compared.Add(other.Id);
        }
        var path = Path.GetFullPath(outPath);
        try
        {
            var request = new ReportRequest(found.Id, range.From, range.To, CompareWith: compared);
            var bytes = await services.GetRequiredService<ReportService>().WriteFileAsync(request, format, path);
            await output.WriteLineAsync($"{path}: {format.ToString().ToUpperInvariant()} report of '{found.Name}' ({range.From?.ToString("yyyy-MM-dd") ?? "start"} to {range.To?.ToString("yyyy-MM-dd") ?? "end"}), {bytes:N0} bytes");
            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync($"error: cannot write {path}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>`apikey create --user EMAIL [--name NAME]`: the new key alone on the last line (for scripts); 1 for an unknown user.</summary>
    private static async Task<int> ApiKeyAsync(string[] args, IServiceProvider services, TextWriter output)
    {
        string? user = null;
        var name = "command line";
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--user" && i + 1 < args.Length)
                user = args[++i];
            else if (args[i] == "--name" && i + 1 < args.Length)
                name = args[++i];
        }
        if (args.Length == 0 || args[0] != "create" || user is null)
        {
            await output.WriteLineAsync("usage: apikey create --user EMAIL [--name NAME]");
            return 2;
        }
        var found = await services.GetRequiredService<AccountService>().FindByEmailAsync(user);
        if (found is null)
        {
            await output.WriteLineAsync($"No user '{user}'. An admin creates users on the Users page.");
            return 1;
        }
        var (secret, key) = await services.GetRequiredService<ApiKeyService>().CreateAsync("local", found.Id, name);
        await output.WriteLineAsync($"API key {key.Id} '{key.Name}' for {found.Email}; send it as the X-Api-Key header. It is not shown again:");
        await output.WriteLineAsync(secret);
        return 0;
    }
}
