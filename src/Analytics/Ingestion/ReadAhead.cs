using System.Collections.Concurrent;

namespace Insights.Analytics.Ingestion;

/// <summary>
/// Reads (and checks) an import's rows on a thread of its own while the caller writes the rows already read, through a
/// bounded queue of batches, so that on two cores the parsing overlaps the database's work (import benchmark,
/// 1,000,000 posts: read and parse alone take about a fifth of the import; on this project's 2-vCPU machine, whose
/// two threads slow each other down, the overlap saved only 4%). Only the reading thread touches what
/// <c>produce</c> closes over (reader, parser, report) until <see cref="RunAsync{T}"/> returns.
/// </summary>
internal static class ReadAhead
{
    private const int BatchSize = 1_024;
    private const int BatchesAhead = 8;

    /// <summary>
    /// Runs <paramref name="produce"/> on a new thread and hands each item it emits to <paramref name="consume"/> on the
    /// calling thread, in order. A failure on either side stops the other; the reader's own failure (a cancellation
    /// included) is what this throws when it came first.
    /// </summary>
    /// <returns>How many items were consumed.</returns>
    public static async Task<long> RunAsync<T>(Action<Action<T>, CancellationToken> produce, Action<T> consume, CancellationToken cancellationToken)
    {
        using var queue = new BlockingCollection<T[]>(BatchesAhead);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Factory.StartNew(() => Produce(produce, queue, stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        long consumed = 0;
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable(stop.Token))
            {
                foreach (var item in batch)
                    consume(item);
                consumed += batch.Length;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The reader failed and stopped the queue: awaiting it below throws why.
        }
        catch
        {
            stop.Cancel();
            // Wait until the reader lets go of what it reads; the writer's failure is the one to report.
            await reading.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }
        await reading;
        return consumed;
    }

    private static void Produce<T>(Action<Action<T>, CancellationToken> produce, BlockingCollection<T[]> queue, CancellationTokenSource stop)
    {
        var batch = new T[BatchSize];
        var count = 0;
        try
        {
            produce(item =>
            {
                batch[count++] = item;
                if (count < BatchSize)
                    return;
                // The full batch is the writer's now; the next one is new, so no copy is made.
                queue.Add(batch, stop.Token);
                batch = new T[BatchSize];
                count = 0;
            }, stop.Token);
            if (count > 0)
                queue.Add(batch[..count], stop.Token);
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            queue.CompleteAdding();
        }
    }
}
