using System.Diagnostics;
using System.Globalization;
using System.Net;
using Insights.Benchmarks.Analytics;

namespace Insights.Benchmarks.Dashboard;

/// <summary>
/// The scale benchmark's server half: the app started as its own process on the generated data, time to /healthz and to a
/// served Overview, then profiles' pages visited through plain HTTP with an API key, and the process's peak RSS.
/// </summary>
internal static class ScaleServerRun
{
    internal const string AdminEmail = "bench@scale.local";
    internal const string AdminPassword = "scale benchmark password 1";

    /// <summary>The app as its own process on the generated data: start-up, pages, peak RSS (VmHWM).</summary>
    public static async Task RunAsync(string directory, int cacheMegabytes, int visits)
    {
        var dll = Path.Combine(RepositoryRoot(), "src", "Dashboard", "bin", "Release", "net10.0", "Insights.Dashboard.dll");
        if (!File.Exists(dll))
        {
            Console.WriteLine($"   server figures skipped: {dll} is not built (dotnet build -c Release src/Dashboard)");
            return;
        }
        // The first start creates the admin; an API key lets plain HTTP requests see the pages.
        using (var first = Start(dll, directory, cacheMegabytes, 5071))
        {
            var clock = Stopwatch.StartNew();
            await WaitAsync(new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5071") }, "/healthz", null, clock);
            Console.WriteLine($"   first start (creates the admin): /healthz after {clock.Elapsed.TotalSeconds:F1} s");
            Stop(first);
        }
        var output = new StringWriter();
        if (await Insights.Dashboard.Cli.CommandLine.RunAsync(["apikey", "create", "--user", AdminEmail, $"--Storage:DataDirectory={directory}"], output) != 0)
            throw new InvalidOperationException("No API key: " + output);
        var key = output.ToString().Trim().Split('\n')[^1].Trim();

        using var server = Start(dll, directory, cacheMegabytes, 5072);
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5072"), Timeout = TimeSpan.FromMinutes(5) };
        var started = Stopwatch.StartNew();
        await WaitAsync(http, "/healthz", null, started);
        var health = started.Elapsed.TotalSeconds;
        await WaitAsync(http, "/?profile=scale-1", key, started);
        var overview = started.Elapsed.TotalSeconds;
        var atStart = PeakRssMegabytes(server);
        Console.WriteLine($"   start-up: /healthz after {health:F1} s, first Overview served after {overview:F1} s; peak RSS {atStart:N0} MB");

        var pages = new[] { "/", "/popularity", "/labels", "/drivers" };
        var times = new List<double>();
        var byPage = pages.ToDictionary(p => p, _ => new List<double>());
        var failures = 0;
        for (var p = 1; p <= visits; p++)
        {
            foreach (var page in pages)
            {
                var clock = Stopwatch.StartNew();
                using var request = new HttpRequestMessage(HttpMethod.Get, $"{page}?profile=scale-{p}");
                request.Headers.Add("X-Api-Key", key);
                using var response = await http.SendAsync(request);
                times.Add(clock.Elapsed.TotalMilliseconds);
                byPage[page].Add(clock.Elapsed.TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                    failures++;
            }
        }
        var after = PeakRssMegabytes(server);
        Console.WriteLine($"   after visiting {visits} profiles' Overview, Popularity, Labels and Drivers ({times.Count} requests, {failures} not 200): peak RSS {after:N0} MB " +
            $"(budget 2,048 MB with a {cacheMegabytes:N0} MiB cache); median page {BenchmarkArgs.Median(times):F0} ms, slowest {times.Max():F0} ms");
        foreach (var (page, list) in byPage)
            Console.WriteLine($"     {page,-12} median {BenchmarkArgs.Median(list),7:F0} ms, first visit (profile 1) {list[0],7:F0} ms, slowest {list.Max(),7:F0} ms (n = {list.Count})");
        Stop(server);
    }

    internal static Process Start(string dll, string directory, int cacheMegabytes, int port, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}", .. arguments])
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Storage__DataDirectory"] = directory;
        info.Environment["Cache__BudgetMegabytes"] = cacheMegabytes.ToString(CultureInfo.InvariantCulture);
        info.Environment["Demo__ImportOnFirstStart"] = "false";
        info.Environment["Annotation__Enabled"] = "false";
        info.Environment["Inference__PrepareOnStart"] = "false";
        info.Environment["Insights__Admin__Email"] = AdminEmail;
        info.Environment["Insights__Admin__Password"] = AdminPassword;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("The app did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static void Stop(Process process)
    {
        if (!process.HasExited)
            process.Kill();
        process.WaitForExit();
    }

    internal static async Task WaitAsync(HttpClient http, string path, string? key, Stopwatch clock)
    {
        while (clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (key is not null)
                    request.Headers.Add("X-Api-Key", key);
                using var response = await http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{path} did not answer 200 within 10 minutes.");
    }

    /// <summary>The process's peak resident set (VmHWM) in MB.</summary>
    internal static double PeakRssMegabytes(Process process)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Insights.sln")))
                return directory.FullName;
        }
        throw new DirectoryNotFoundException("Insights.sln");
    }
}
