using System.Globalization;
using Insights.Analytics.Annotations;
using Insights.Analytics.Caching;
using Insights.Analytics.Popularity;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Model;

namespace Insights.Dashboard.Labels;

/// <summary>
/// The posts of a profile as the Library shows them, newest first: every media file in order with its newest labels
/// (from <see cref="PostLabelSource"/>, which caches them) or the reason labelling failed. Built once per profile
/// stamp (a saved label or failure moves it, so does an import) and range, and kept in the shared cache.
/// </summary>
public sealed class LibrarySource(PopularityService popularity, PostCatalog catalog, AnnotationStore annotations, PostLabelSource labels, StampedCache cache)
{
    /// <summary>How many ranges of one profile can be held at once.</summary>
    private const int RangesPerProfile = 4;

    public async Task<IReadOnlyList<LibraryPost>> PostsAsync(int profileId, DashboardFilter range, CancellationToken cancellationToken = default)
    {
        var stamp = await labels.StampAsync(profileId, cancellationToken);
        var key = CacheKey.Slot("library", profileId, RangesPerProfile, HashCode.Combine(range.From, range.To));
        var exact = string.Create(CultureInfo.InvariantCulture, $"{stamp}|{range.From:yyyy-MM-dd}|{range.To:yyyy-MM-dd}");
        // Not cancelled by one caller: a visit that leaves does not waste the work another is waiting on.
        return await cache.GetAsync<LibraryPost[]>(key, exact, _ => ReadAsync(profileId, range, CancellationToken.None),
            posts => 1024 + posts.Length * 120L + posts.Sum(p => p.Assets.Count) * 96L).WaitAsync(cancellationToken);
    }

    private async Task<LibraryPost[]> ReadAsync(int profileId, DashboardFilter range, CancellationToken cancellationToken)
    {
        var scores = await popularity.GetAsync(profileId, cancellationToken: cancellationToken);
        var media = await catalog.MediaOfProfileAsync(profileId, cancellationToken);
        var labelled = (await labels.AssetsAsync(profileId, cancellationToken)).ToDictionary(a => a.AssetId, a => a.Labels);
        var failures = await annotations.FailuresOfProfileAsync(profileId, cancellationToken);
        var mediaOfPost = media.ToLookup(m => m.PostId);
        return LibraryModel.NewestFirst(scores.Posts.Where(p => range.Contains(p.PublishedUtc))
            .Select(p => new LibraryPost(p.PostId, p.PlatformPostId, p.PublishedUtc, p.MediaType,
                mediaOfPost[p.PostId].Select(m => new LibraryAsset(m.AssetId, m.Sha256, m.ContentType.StartsWith("video/", StringComparison.Ordinal), m.Position,
                    labelled.GetValueOrDefault(m.AssetId), failures.GetValueOrDefault(m.AssetId))).ToList())));
    }
}
