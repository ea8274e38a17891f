using Insights.Analytics.Domain;

namespace Insights.Analytics.Ingestion.Platforms;

/// <summary>
/// How one platform's own post export names its columns: the header spellings of each of our fields
/// (tried before the generic aliases), the columns only that platform writes (to tell its exports
/// apart), and the media type of posts whose export has no type column.
/// </summary>
/// <param name="Name">The platform as stored on a profile: instagram, tiktok, youtube, linkedin, facebook or x.</param>
/// <param name="DisplayName">The platform's name for people.</param>
/// <param name="Aliases">Our field name to the platform's header spellings, in the order they are tried.</param>
/// <param name="Signature">Headers (as written) that only this platform's exports carry.</param>
/// <param name="DefaultMediaType">The media type of a post when the export has no type column.</param>
public sealed record PlatformDialect(
    string Name,
    string DisplayName,
    IReadOnlyDictionary<string, string[]> Aliases,
    string[] Signature,
    MediaType DefaultMediaType = MediaType.Image)
{
    /// <summary>The platform's first header spelling for a field (the name its export uses), or null when it reports no such metric.</summary>
    public string? ColumnFor(string field) => Aliases.TryGetValue(field, out var names) && names.Length > 0 ? names[0] : null;
}
