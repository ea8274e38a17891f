namespace Insights.Analytics.Profiles;

/// <summary>What deleting a profile removed: rows and the stored files no other profile uses.</summary>
/// <param name="MediaHashes">The sha256 of each media file that went with it, for the caches named by them (thumbnails).</param>
public sealed record ProfileDeletion(string Name, int Posts, int MediaFiles, int FilesDeleted, IReadOnlyList<string> MediaHashes);
