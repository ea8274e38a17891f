namespace Insights.Analytics.Storage.Postgres;

/// <summary>
/// The post ids of one import seen so far, kept as 64-bit FNV-1a hashes (a million ids in about 30 MB instead of the
/// strings). A collision only makes a new id look repeated, which sends it down the slower merge path: never wrong.
/// </summary>
internal sealed class PostIdSeen
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    private readonly HashSet<ulong> _hashes = [];

    /// <summary>True when <paramref name="postId"/> is new to this import (by its hash).</summary>
    public bool Add(string postId) => _hashes.Add(Hash(postId));

    internal static ulong Hash(string value)
    {
        var hash = OffsetBasis;
        foreach (var c in value)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }
        return hash;
    }
}
