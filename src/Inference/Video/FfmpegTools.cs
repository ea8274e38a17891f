using System.Diagnostics;
using Insights.Inference.Models;
using Microsoft.Extensions.Options;

namespace Insights.Inference.Video;

/// <summary>
/// Finds ffmpeg and ffprobe: the configured paths, else Debian's on PATH, else the pinned static
/// binaries of @ffmpeg-installer / @ffprobe-installer under the models folder's node_modules (made
/// executable if an unpacker left them without the bit).
/// </summary>
public sealed class FfmpegTools(IOptions<LabelOptions> labelOptions, IOptions<InferenceOptions> inferenceOptions)
{
    private readonly Lazy<string> _ffmpeg = new(() => Locate("ffmpeg", labelOptions.Value.FfmpegPath, inferenceOptions.Value, "@ffmpeg-installer"));
    private readonly Lazy<string> _ffprobe = new(() => Locate("ffprobe", labelOptions.Value.FfprobePath, inferenceOptions.Value, "@ffprobe-installer"));

    public string Ffmpeg => _ffmpeg.Value;
    public string Ffprobe => _ffprobe.Value;

    private static string Locate(string name, string? configured, InferenceOptions options, string package)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"{name} not found at the configured path '{configured}'");
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }

        var paths = ModelPaths.Resolve(options);
        if (paths is not null)
        {
            var pinned = Path.Combine(paths.NodeModules, package, "linux-x64", name);
            if (File.Exists(pinned))
            {
                if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(pinned) & UnixFileMode.UserExecute) == 0)
                    File.SetUnixFileMode(pinned, File.GetUnixFileMode(pinned) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                return pinned;
            }
        }

        throw new FileNotFoundException($"{name} not found: install Debian's ffmpeg (apt-get install ffmpeg), let the app fetch the model packages (Inference:PrepareOnStart), or set Labels:{(name == "ffmpeg" ? "FfmpegPath" : "FfprobePath")}");
    }

    /// <summary>Runs a tool to completion, returning its stdout bytes and stderr text; kills it on timeout or cancellation.</summary>
    internal static async Task<(int ExitCode, byte[] Stdout, string Stderr)> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Start(tool, arguments);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var stdout = new MemoryStream();
        try
        {
            await process.StandardOutput.BaseStream.CopyToAsync(stdout, timeoutSource.Token);
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (cancellationToken.IsCancellationRequested)
                throw;
            throw new TimeoutException($"{Path.GetFileName(tool)} took longer than {timeout}");
        }

        return (process.ExitCode, stdout.ToArray(), await stderr);
    }

    internal static Process Start(string tool, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return Process.Start(info) ?? throw new InvalidOperationException($"cannot start {tool}");
    }

    internal static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }
}
