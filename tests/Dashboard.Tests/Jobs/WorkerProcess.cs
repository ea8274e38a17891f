using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Insights.Dashboard.Tests.Jobs;

/// <summary>
/// A real <c>dotnet Insights.Dashboard.dll --role worker</c> process on a given data folder, its console output kept
/// for the test to read. Disposing kills it if it still runs.
/// </summary>
internal sealed partial class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private WorkerProcess(Process process)
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

    public static WorkerProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Insights.Dashboard.dll"));
        start.ArgumentList.Add("--role");
        start.ArgumentList.Add("worker");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var (key, value) in settings)
            start.ArgumentList.Add($"--{key}={value}");
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
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
                throw new InvalidOperationException($"The worker exited with {_process.ExitCode}:\n{Output}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"The worker did not start listening:\n{Output}");
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no clean stop, the job it holds stays claimed until its lease expires.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
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
