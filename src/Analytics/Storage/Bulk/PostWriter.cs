using Insights.Analytics.Domain;

namespace Insights.Analytics.Storage.Bulk;

/// <summary>
/// Writes the posts of one import inside the caller's transaction; an engine chooses how
/// (<see cref="DatabaseProvider.CreatePostWriter"/>). Rows with the same (profile, post id) upsert, the last one written wins.
/// Nothing is visible before the caller commits, and nothing is left when it rolls back.
/// </summary>
internal abstract class PostWriter : IDisposable
{
    /// <summary>The posts columns an import writes, in the order every writer binds them.</summary>
    internal static readonly string[] Columns =
    [
        "ProfileId", "PlatformPostId", "PublishedUtc", "MediaType", "Caption", "Permalink", "Likes", "Comments",
        "Shares", "Saves", "Impressions", "Reach", "VideoViews", "DurationSeconds", "MediaFileNames",
        "WatchTimeSeconds", "AverageViewSeconds", "AverageViewedPercent", "FollowersGained",
    ];

    /// <summary><see cref="Columns"/> quoted and comma-separated, for the writers' SQL.</summary>
    internal static readonly string ColumnList = string.Join(", ", Columns.Select(c => $"\"{c}\""));

    /// <summary>The clause by which a merge into posts updates a post the profile already has (SQLite and PostgreSQL both accept it).</summary>
    internal static readonly string ConflictClause =
        $"""ON CONFLICT ("ProfileId", "PlatformPostId") DO UPDATE SET {string.Join(", ", Columns.Skip(2).Select(c => $"\"{c}\" = excluded.\"{c}\""))}""";

    /// <summary>Adds one row; it may stay buffered until <see cref="FinishAsync"/>.</summary>
    public abstract void Write(int profileId, Post post);

    /// <summary>Writes whatever is still buffered into the posts table; call once, after the last row and before committing.</summary>
    public virtual Task FinishAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract void Dispose();
}
