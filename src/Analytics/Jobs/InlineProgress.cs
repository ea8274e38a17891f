namespace Insights.Analytics.Jobs;

/// <summary>
/// Reports progress on the calling thread. <see cref="Progress{T}"/> posts reports to the thread
/// pool, where a late one can land after the work has finished and overwrite its final state.
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
