using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Prediction;

/// <summary>Too many uploads are already waiting; try again shortly.</summary>
public sealed class PredictionQueueFullException(int waiting)
    : Exception($"{waiting} drafts are already waiting for a prediction; try again in a moment.")
{
    public int Waiting { get; } = waiting;
}

/// <summary>
/// Bounds concurrent predictions: at most <see cref="PredictionOptions.MaxConcurrent"/> run, up to
/// <see cref="PredictionOptions.MaxWaiting"/> wait their turn in arrival order (SemaphoreSlim is FIFO
/// for async waiters in practice, not by contract; nothing here depends on strict order), the rest are refused.
/// </summary>
public sealed class PredictionQueue(IOptions<PredictionOptions> options)
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrent, options.Value.MaxConcurrent);
    private int _waiting;
    private int _running;

    /// <summary>Predictions waiting for a slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Predictions running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Runs <paramref name="work"/> when a slot is free. Throws <see cref="PredictionQueueFullException"/> when too many are waiting.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        var waiting = Interlocked.Increment(ref _waiting);
        try
        {
            // this request counts itself among the waiting; refused only when no slot is free either
            if (waiting > options.Value.MaxWaiting && _slots.CurrentCount == 0)
                throw new PredictionQueueFullException(waiting - 1);
            await _slots.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        Interlocked.Increment(ref _running);
        try
        {
            return await work(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _slots.Release();
        }
    }
}
