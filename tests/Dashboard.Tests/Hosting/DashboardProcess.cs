using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Insights.Dashboard.Tests.Hosting;

/// <summary>
/// A real <c>dotnet Insights.Dashboard.dll</c> process (<c>--role worker</c> or <c>web</c>, or a command such as <c>migrate</c>)
/// with the given settings, its console output kept for the test to read. Disposing kills it if it still runs.
/// </summary>
internal sealed partial class DashboardProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private DashboardProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_gate)
                return _output.ToString();
        }
    }

    /// <summary>The ids of the jobs this process's log says it started.</summary>
    public IReadOnlyList<long> StartedJobs => [.. StartedPattern().Matches(Output).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>
    /// Waits (up to 30 s) until the logs of <paramref name="processes"/> together name every job of <paramref name="jobs"/>
    /// as started. A log line reaches the test through the console logger and an output pipe read on the thread pool,
    /// which a loaded test run can delay past the job's finish in the database.
    /// </summary>
    public static async Task WaitForStartedAsync(IEnumerable<DashboardProcess> processes, IEnumerable<long> jobs)
    {
        var all = processes.ToList();
        var expected = jobs.ToHashSet();
        for (var wait = 0; wait < 60 && !expected.IsSubsetOf(all.SelectMany(p => p.StartedJobs)); wait++)
            await Task.Delay(500);
    }

    /// <summary>A worker on any free loopback port.</summary>
    public static DashboardProcess Start(IReadOnlyDictionary<string, string> settings) =>
        Launch(["--role", "worker", "--urls", "http://127.0.0.1:0"], settings);

    /// <summary>A process of <paramref name="role"/> (web or worker) on the given loopback port.</summary>
    public static DashboardProcess Start(string role, int port, IReadOnlyDictionary<string, string> settings) =>
        Launch(["--role", role, "--urls", $"http://127.0.0.1:{port}"], settings);

    /// <summary>Runs a command (e.g. <c>migrate</c>) to its end; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string command, IReadOnlyDictionary<string, string> settings)
    {
        await using var process = Launch([command], settings);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process._process.WaitForExitAsync(limit.Token);
        // The asynchronous readers may still hold the last lines: this wait drains them.
        process._process.WaitForExit();
        return (process._process.ExitCode, process.Output);
    }

    private static DashboardProcess Launch(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Insights.Dashboard.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in settings)
            start.ArgumentList.Add($"--{key}={value}");
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        return new DashboardProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>The address Kestrel listens on, once the process has started.</summary>
    public async Task<Uri> ListeningAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!limit.IsCancellationRequested)
        {
            if (ListeningPattern().Match(Output) is { Success: true } match)
                return new Uri(match.Groups[1].Value);
            if (_process.HasExited)
                throw new InvalidOperationException($"The process exited with {_process.ExitCode}:\n{Output}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"The process did not start listening:\n{Output}");
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no clean stop, the job it holds stays claimed until its lease expires.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as a service manager or <c>docker stop</c> sends: the host stops; returns the exit code once it has exited.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await _process.WaitForExitAsync(limit.Token);
        // The asynchronous readers may still hold the last lines: this wait drains them.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_gate)
            _output.AppendLine(line);
    }

    [GeneratedRegex(@"Job (\d+) \(\w[\w-]*\) started by")]
    private static partial Regex StartedPattern();

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningPattern();
}
