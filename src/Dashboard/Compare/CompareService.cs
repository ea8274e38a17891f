using System.Security.Claims;
using Insights.Analytics.Compare;
using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;
using Insights.Analytics.Popularity;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Labels;

namespace Insights.Dashboard.Compare;

/// <summary>
/// Builds the Compare page's figures on the server: every profile summed up over the same range, and their label
/// lifts lined up. Reports with a comparison section take theirs from here too, so both show the same figures.
/// </summary>
public sealed class CompareService(ProfileAccess access, PopularityService popularity, EngagementService engagement, PostLabelSource labels)
{
    /// <summary>Most profiles one comparison takes.</summary>
    public const int MaxProfiles = 10;

    /// <summary>
    /// The comparison of the named profiles the user may see. Without <paramref name="from"/> or
    /// <paramref name="to"/> the range spans the first to the last post of all of them.
    /// </summary>
    public async Task<CompareModel> BuildAsync(ClaimsPrincipal user, IEnumerable<string> names, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var unknown = new List<string>();
        var found = new List<Profile>();
        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Take(MaxProfiles))
        {
            var profile = await access.FindAsync(user, name, cancellationToken);
            if (profile is null)
                unknown.Add(name);
            else
                found.Add(profile);
        }
        return await BuildAsync(found, from, to, cancellationToken) with { Unknown = unknown };
    }

    /// <summary>
    /// The comparison of <paramref name="profiles"/> in their order, whose access the caller has checked (a report
    /// job checks it when it is queued).
    /// </summary>
    public async Task<CompareModel> BuildAsync(IReadOnlyList<Profile> profiles, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var found = new List<(Profile Profile, ProfilePopularity Popularity)>(profiles.Count);
        foreach (var profile in profiles.Take(MaxProfiles))
            found.Add((profile, await popularity.GetAsync(profile.Id, cancellationToken: cancellationToken)));
        if (found.Count == 0)
            return CompareModel.Empty;
        var posted = found.Where(f => f.Popularity.Posts.Count > 0).SelectMany(f => new[] { f.Popularity.Posts[0].PublishedUtc, f.Popularity.Posts[^1].PublishedUtc }).ToList();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var start = from ?? (posted.Count > 0 ? DateOnly.FromDateTime(posted.Min()) : today);
        var end = to ?? (posted.Count > 0 ? DateOnly.FromDateTime(posted.Max()) : today);
        if (end < start)
            (start, end) = (end, start);
        var summaries = found.Select(f => ProfileComparison.Summarise(f.Profile.Name, f.Profile.Platform, f.Popularity, start, end, engagement.Options.BootstrapResamples, engagement.Options.Seed)).ToList();

        var breakdowns = new List<LabelBreakdown>(found.Count);
        var range = new Model.DayRange(start, end);
        foreach (var (profile, _) in found)
        {
            var automatic = await labels.AutomaticLabelsAsync(profile.Id, cancellationToken);
            var posts = (await engagement.LoadPostsAsync(profile.Id, automatic, cancellationToken)).Where(p => range.Contains(p.PublishedUtc)).ToList();
            breakdowns.Add(LabelBreakdowns.Compute(posts, engagement.Options));
        }
        return new CompareModel(start, end, summaries, breakdowns.Select(b => b.Target).ToList(), LabelLiftComparison.Compare(breakdowns), []);
    }
}
