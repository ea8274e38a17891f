namespace Insights.Analytics.Ingestion;

/// <summary>Thrown by <see cref="LimitedStream"/> when more bytes arrive than allowed.</summary>
public sealed class LimitExceededException(long limit) : IOException($"more than {limit:N0} bytes")
{
    public long Limit { get; } = limit;
}

/// <summary>
/// A read-only stream that fails once more than a limit of bytes has been read: a guard against archive bombs.
/// <paramref name="onRead"/>, when given, sees every read's byte count first (and may throw to stop the reading).
/// </summary>
public sealed class LimitedStream(Stream inner, long limit, Action<int>? onRead = null) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        onRead?.Invoke(read);
        _read += read;
        if (_read > limit)
            throw new LimitExceededException(limit);
        return read;
    }
}

/// <summary>Replays bytes already read (a sniffed header) before the rest of a stream.</summary>
public sealed class ConcatenatedStream(ReadOnlyMemory<byte> head, Stream tail) : Stream
{
    private ReadOnlyMemory<byte> _head = head;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_head.IsEmpty)
            return tail.Read(buffer);
        var n = Math.Min(buffer.Length, _head.Length);
        _head.Span[..n].CopyTo(buffer);
        _head = _head[n..];
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_head.IsEmpty)
            return await tail.ReadAsync(buffer, cancellationToken);
        return Read(buffer.Span);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
