using System.Diagnostics;
using System.Globalization;

namespace Insights.Benchmarks.Analytics;

internal static class BenchmarkArgs
{
    public static int Int(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static string? String(string[] args, string name, string? fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static void Header(string title)
    {
        Console.WriteLine($"== {title}");
        Console.WriteLine($"   {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, " +
            $"{(Debugger.IsAttached ? "debugger attached" : "no debugger")}, optimized build: {IsOptimized()}, " +
            $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
    }

    private static bool IsOptimized() =>
        typeof(BenchmarkArgs).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false)
            .OfType<DebuggableAttribute>().All(a => !a.IsJITOptimizerDisabled);
}
