using Insights.Analytics.Annotations;
using Insights.Analytics.Popularity;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Model;

namespace Insights.Dashboard.Labels;

/// <summary>
/// The posts of a profile as the Library shows them: every media file in order with its newest labels
/// (from <see cref="PostLabelSource"/>, which caches them) or the reason labelling failed.
/// </summary>
public sealed class LibrarySource(PopularityService popularity, PostCatalog catalog, AnnotationStore annotations, PostLabelSource labels)
{
    public async Task<IReadOnlyList<LibraryPost>> PostsAsync(int profileId, DashboardFilter range, CancellationToken cancellationToken = default)
    {
        var scores = await popularity.GetAsync(profileId, cancellationToken: cancellationToken);
        var media = await catalog.MediaOfProfileAsync(profileId, cancellationToken);
        var labelled = (await labels.AssetsAsync(profileId, cancellationToken)).ToDictionary(a => a.AssetId, a => a.Labels);
        var failures = await annotations.FailuresOfProfileAsync(profileId, cancellationToken);
        var mediaOfPost = media.ToLookup(m => m.PostId);
        return scores.Posts.Where(p => range.Contains(p.PublishedUtc))
            .Select(p => new LibraryPost(p.PostId, p.PlatformPostId, p.PublishedUtc, p.MediaType,
                mediaOfPost[p.PostId].Select(m => new LibraryAsset(m.AssetId, m.Sha256, m.ContentType.StartsWith("video/", StringComparison.Ordinal), m.Position,
                    labelled.GetValueOrDefault(m.AssetId), failures.GetValueOrDefault(m.AssetId))).ToList()))
            .ToList();
    }
}
