using Insights.Analytics.Ingestion;

namespace Insights.Analytics.Tests.Ingestion;

public class ReadAheadTests
{
    [Fact]
    public async Task EveryItem_ReachesTheWriter_InOrder_OnAnotherThreadThanTheReader()
    {
        var readerThread = 0;
        var written = new List<int>();
        var count = await ReadAhead.RunAsync<int>((emit, _) =>
        {
            readerThread = Environment.CurrentManagedThreadId;
            // Not a multiple of the batch size, so the last partial batch is checked too.
            for (var i = 0; i < 10_500; i++)
                emit(i);
        }, written.Add, CancellationToken.None);

        Assert.Equal(10_500, count);
        Assert.Equal(Enumerable.Range(0, 10_500), written);
        Assert.NotEqual(Environment.CurrentManagedThreadId, readerThread);
    }

    [Fact]
    public async Task AReaderFailure_IsThrown_AndTheWriterStops()
    {
        var written = 0;
        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAhead.RunAsync<int>((emit, _) =>
        {
            for (var i = 0; i < 5_000; i++)
                emit(i);
            throw new InvalidDataException("line 5001 is broken");
        }, _ => written++, CancellationToken.None));

        Assert.Equal("line 5001 is broken", failure.Message);
        Assert.True(written <= 5_000);
    }

    [Fact]
    public async Task AWriterFailure_IsThrown_AndStopsAReaderThatWouldNeverEnd()
    {
        var readerStopped = false;
        var failure = await Assert.ThrowsAsync<IOException>(() => ReadAhead.RunAsync<int>((emit, stop) =>
        {
            try
            {
                for (var i = 0; ; i++)
                    emit(i);
            }
            finally
            {
                readerStopped = stop.IsCancellationRequested;
            }
        }, item =>
        {
            if (item == 3_000)
                throw new IOException("disk full");
        }, CancellationToken.None));

        Assert.Equal("disk full", failure.Message);
        Assert.True(readerStopped);
    }

    /// <summary>A cancellation that is the writer's own (not the caller's, not the reader's) is a writer failure: it must stop the reader, not wait for it.</summary>
    [Fact]
    public async Task AWriterThrowingItsOwnCancellation_StopsTheReader_InsteadOfWaitingForIt()
    {
        var run = ReadAhead.RunAsync<int>((emit, _) =>
        {
            for (var i = 0; ; i++)
                emit(i);
        }, item =>
        {
            if (item == 3_000)
                throw new OperationCanceledException("the writer's command was cancelled");
        }, CancellationToken.None);

        // Guards against a hang (the reader blocked on a full queue nobody empties), not a timing.
        var failure = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal("the writer's command was cancelled", failure.Message);
    }

    [Fact]
    public async Task ACancelledImport_ThrowsCancellation_FromEitherSide()
    {
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAhead.RunAsync<int>((emit, stop) =>
        {
            for (var i = 0; ; i++)
            {
                emit(i);
                if (i % 100 == 0)
                    stop.ThrowIfCancellationRequested();
            }
        }, item =>
        {
            if (item == 2_000)
                cancel.Cancel();
        }, cancel.Token));
    }
}
