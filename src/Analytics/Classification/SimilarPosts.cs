using System.Buffers;
using System.Numerics.Tensors;

namespace Insights.Analytics.Classification;

/// <summary>One past post found by <see cref="SimilarPosts"/>: its id and cosine similarity to the query.</summary>
public readonly record struct SimilarPost(long PostId, float Similarity)
{
    /// <summary>Cosine distance, 1 - similarity (0 = same direction).</summary>
    public float Distance => 1f - Similarity;
}

/// <summary>
/// Exact cosine search over a profile's L2-normalised embeddings: one contiguous row-major float matrix,
/// dot products with <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, split over cores
/// in chunks when the matrix is large. Immutable and thread-safe. Exact search stays under 20 ms for 100,000
/// embeddings here, so no approximate index is built.
/// </summary>
public sealed class SimilarPosts
{
    // Below this many floats one core is faster than waking the thread pool.
    private const long ParallelFrom = 1L << 20;
    private const int RowsPerChunk = 4096;

    private readonly long[] _ids;
    private readonly float[] _matrix;

    /// <param name="ids">Post id of every row.</param>
    /// <param name="matrix">Rows of <paramref name="dimensions"/> floats, unit length, row-major.</param>
    public SimilarPosts(long[] ids, float[] matrix, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (matrix.Length != (long)ids.Length * dimensions)
            throw new ArgumentException($"Expected {ids.Length} rows of {dimensions} floats, got {matrix.Length} floats.", nameof(matrix));
        _ids = ids;
        _matrix = matrix;
        Dimensions = dimensions;
    }

    /// <summary>Copies (id, embedding) pairs into one contiguous matrix; every embedding must have the same length.</summary>
    public static SimilarPosts From(IReadOnlyList<(long PostId, float[] Normalized)> embeddings, int? dimensions = null)
    {
        var d = dimensions ?? (embeddings.Count > 0 ? embeddings[0].Normalized.Length : 1);
        var ids = new long[embeddings.Count];
        var matrix = new float[(long)embeddings.Count * d];
        for (var i = 0; i < embeddings.Count; i++)
        {
            var (id, vector) = embeddings[i];
            if (vector.Length != d)
                throw new ArgumentException($"Post {id} has a {vector.Length}-d embedding; expected {d}.", nameof(embeddings));
            ids[i] = id;
            vector.CopyTo(matrix.AsSpan(i * d, d));
        }
        return new SimilarPosts(ids, matrix, d);
    }

    public int Count => _ids.Length;

    public int Dimensions { get; }

    public IReadOnlyList<long> PostIds => _ids;

    public long PostIdAt(int row) => _ids[row];

    public ReadOnlySpan<float> Row(int row) => _matrix.AsSpan(row * Dimensions, Dimensions);

    /// <summary>Row index of a post id, or -1.</summary>
    public int IndexOf(long postId) => Array.IndexOf(_ids, postId);

    /// <summary>Cosine similarity of the query to every row, written to <paramref name="destination"/> (length <see cref="Count"/>).</summary>
    public void Similarities(ReadOnlySpan<float> query, Span<float> destination)
    {
        if (query.Length != Dimensions)
            throw new ArgumentException($"The query has {query.Length} dimensions; the posts have {Dimensions}.", nameof(query));
        if (destination.Length < Count)
            throw new ArgumentException("The destination is shorter than the number of posts.", nameof(destination));
        var n = Count;
        var d = Dimensions;
        if ((long)n * d < ParallelFrom)
        {
            for (var i = 0; i < n; i++)
                destination[i] = TensorPrimitives.Dot(_matrix.AsSpan(i * d, d), query);
            return;
        }
        var q = query.ToArray();
        var scores = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var chunks = (n + RowsPerChunk - 1) / RowsPerChunk;
            Parallel.For(0, chunks, chunk =>
            {
                var end = Math.Min(n, (chunk + 1) * RowsPerChunk);
                for (var i = chunk * RowsPerChunk; i < end; i++)
                    scores[i] = TensorPrimitives.Dot(_matrix.AsSpan(i * d, d), q);
            });
            scores.AsSpan(0, n).CopyTo(destination);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>The k rows most similar to the query, most similar first (ties: lower row first).</summary>
    /// <param name="exclude">Post ids to skip (for example the query's own post).</param>
    public IReadOnlyList<SimilarPost> Top(ReadOnlySpan<float> query, int k, IReadOnlySet<long>? exclude = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var n = Count;
        if (k == 0 || n == 0) return [];
        var scores = ArrayPool<float>.Shared.Rent(n);
        try
        {
            Similarities(query, scores.AsSpan(0, n));
            // A bounded min-heap keyed by (score, -row): the root is the worst kept candidate.
            var heap = new PriorityQueue<int, (float Score, int NegRow)>(k + 1);
            for (var i = 0; i < n; i++)
            {
                if (exclude is not null && exclude.Contains(_ids[i])) continue;
                var key = (scores[i], -i);
                if (heap.Count < k)
                    heap.Enqueue(i, key);
                else if (heap.TryPeek(out _, out var worst) && Compare(key, worst) > 0)
                    heap.EnqueueDequeue(i, key);
            }
            var result = new SimilarPost[heap.Count];
            for (var r = result.Length - 1; r >= 0; r--)
            {
                var row = heap.Dequeue();
                result[r] = new SimilarPost(_ids[row], scores[row]);
            }
            return result;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    private static int Compare((float Score, int NegRow) a, (float Score, int NegRow) b)
    {
        var c = a.Score.CompareTo(b.Score);
        return c != 0 ? c : a.NegRow.CompareTo(b.NegRow);
    }
}
