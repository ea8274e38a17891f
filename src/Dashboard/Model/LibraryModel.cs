using Insights.Analytics.Domain;
using Insights.Inference.Vision;

namespace Insights.Dashboard.Model;

/// <summary>Where the automatic labels of a media file (or a post) stand.</summary>
public enum LabelState
{
    /// <summary>Not labelled yet: queued or being labelled.</summary>
    Waiting,
    Labelled,
    /// <summary>Labelling failed; the error says why.</summary>
    Failed,
    /// <summary>A post without imported media.</summary>
    NoMedia,
}

/// <summary>One media file of a post with its newest labels, or the reason it has none.</summary>
public sealed record LibraryAsset(long AssetId, string Sha256, bool IsVideo, int Position, LabelSet? Labels, string? Error)
{
    public LabelState State => Labels is not null ? LabelState.Labelled : Error is not null ? LabelState.Failed : LabelState.Waiting;

    /// <summary>The preview (a poster frame for a video) at one of the thumbnail sizes.</summary>
    public string ThumbnailUrl(int size) => $"/media/{Sha256}/thumbnail?size={size}";

    public string MediaUrl => $"/media/{Sha256}";
}

/// <summary>A post as the Library shows it: its media in order, with their labels.</summary>
public sealed record LibraryPost(long PostId, string PlatformPostId, DateTime PublishedUtc, MediaType MediaType, IReadOnlyList<LibraryAsset> Assets)
{
    public LibraryAsset? Cover => Assets.Count > 0 ? Assets[0] : null;

    /// <summary>The labels filters read: those of the first media file with labels, as the Labels page counts the post.</summary>
    public LabelSet? Labels => Assets.FirstOrDefault(a => a.Labels is not null)?.Labels;

    public LabelState State =>
        Assets.Count == 0 ? LabelState.NoMedia
        : Labels is not null ? LabelState.Labelled
        : Assets.Any(a => a.State == LabelState.Waiting) ? LabelState.Waiting
        : LabelState.Failed;

    public string MediaTypeText => MediaType.ToString().ToLowerInvariant();
}

/// <summary>
/// The Library's filters, as they stand in the URL (people=one_person&amp;faces=2plus&amp;animal=dog&amp;text=yes...).
/// A value the page does not know is read as "any".
/// </summary>
public sealed record LibraryFilter
{
    public static readonly LibraryFilter None = new();

    /// <summary>The face counts a filter can ask for: none, one, two or more.</summary>
    public static readonly IReadOnlyList<string> FaceValues = ["0", "1", "2plus"];

    public PeopleClass? People { get; init; }

    /// <summary>"0", "1" or "2plus".</summary>
    public string? Faces { get; init; }

    /// <summary>"any", "none" or a COCO animal name.</summary>
    public string? Animal { get; init; }

    /// <summary>A COCO class name other than an animal or a person.</summary>
    public string? Object { get; init; }

    public bool? Text { get; init; }

    /// <summary>Words the overlay text (read by OCR) must contain, any case; matched in the database.</summary>
    public string? Words { get; init; }

    public bool? Drawing { get; init; }

    public bool? Nsfw { get; init; }

    public MediaType? Type { get; init; }

    /// <summary>Posts whose labels are waiting, done or failed.</summary>
    public LabelState? State { get; init; }

    /// <summary>True when a filter reads the labels, so posts without labels cannot match.</summary>
    public bool ReadsLabels => People is not null || Faces is not null || Animal is not null || Object is not null || Text is not null || Drawing is not null || Nsfw is not null || Words is not null;

    public bool IsEmpty => !ReadsLabels && Type is null && State is null;

    /// <summary>Reads the filters from their URL values; unknown values are ignored.</summary>
    public static LibraryFilter Parse(string? people = null, string? faces = null, string? animal = null, string? obj = null,
        string? text = null, string? style = null, string? nsfw = null, string? type = null, string? status = null, string? words = null) => new()
    {
        People = Enum.GetValues<PeopleClass>().Select(c => (PeopleClass?)c).FirstOrDefault(c => PeopleLabel.Name(c!.Value) == people),
        Faces = FaceValues.Contains(faces) ? faces : null,
        Animal = Name(animal),
        Object = Name(obj),
        Text = YesNo(text),
        Words = string.IsNullOrWhiteSpace(words) ? null : words.Trim(),
        Drawing = style switch { "drawing" => true, "photo" => false, _ => null },
        Nsfw = YesNo(nsfw),
        Type = type switch { "image" => MediaType.Image, "video" => MediaType.Video, "carousel" => MediaType.Carousel, _ => null },
        State = status switch { "waiting" => LabelState.Waiting, "labelled" => LabelState.Labelled, "failed" => LabelState.Failed, "nomedia" => LabelState.NoMedia, _ => null },
    };

    /// <summary>The URL values of every filter, null where a filter is off (so the parameter is dropped).</summary>
    public Dictionary<string, object?> ToQuery() => new()
    {
        ["people"] = People is { } p ? PeopleLabel.Name(p) : null,
        ["faces"] = Faces,
        ["animal"] = Animal,
        ["object"] = Object,
        ["text"] = YesNo(Text),
        ["q"] = Words,
        ["style"] = Drawing switch { true => "drawing", false => "photo", null => null },
        ["nsfw"] = YesNo(Nsfw),
        ["type"] = Type?.ToString().ToLowerInvariant(),
        ["status"] = State switch { LabelState.Waiting => "waiting", LabelState.Labelled => "labelled", LabelState.Failed => "failed", LabelState.NoMedia => "nomedia", _ => null },
    };

    /// <param name="post">The post, with its labels.</param>
    /// <param name="wordMatches">The media files whose overlay text contains <see cref="Words"/> (from the database); needed only when it is set.</param>
    public bool Matches(LibraryPost post, IReadOnlySet<long>? wordMatches = null)
    {
        if (Type is { } type && post.MediaType != type)
            return false;
        if (State is { } state && post.State != state)
            return false;
        if (!ReadsLabels)
            return true;
        if (post.Labels is not { } labels)
            return false;
        if (People is { } people && labels.People.Class != people)
            return false;
        if (Faces is { } faces && faces != FaceValue(labels.Faces.Count))
            return false;
        if (Animal is { } animal && !HasAnimal(labels, animal))
            return false;
        if (Object is { } name && !labels.Objects.Any(o => o.Name == name))
            return false;
        if (Text is { } text && labels.Text.Present != text)
            return false;
        if (Words is not null && !post.Assets.Any(a => wordMatches?.Contains(a.AssetId) == true))
            return false;
        if (Drawing is { } drawing && labels.Style.IsDrawing != drawing)
            return false;
        return Nsfw is not { } nsfw || labels.Style.IsNsfw == nsfw;
    }

    private static bool HasAnimal(LabelSet labels, string animal) => animal switch
    {
        "any" => labels.Objects.Any(o => o.IsAnimal),
        "none" => !labels.Objects.Any(o => o.IsAnimal),
        _ => labels.Objects.Any(o => o.IsAnimal && o.Name == animal),
    };

    public static string FaceValue(int count) => count switch { <= 0 => "0", 1 => "1", _ => "2plus" };

    private static bool? YesNo(string? value) => value switch { "yes" => true, "no" => false, _ => null };

    private static string? YesNo(bool? value) => value switch { true => "yes", false => "no", null => null };

    // COCO names are lower-case words with spaces ("teddy bear"); anything else is not a filter.
    private static string? Name(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 40 && value.All(c => char.IsAsciiLetterLower(c) || c == ' ') ? value : null;
}

/// <summary>A value a filter offers, with the number of posts in range that have it.</summary>
public sealed record FilterOption(string Value, int Posts);

/// <summary>One page of the Library: the matching posts, how many there are, and how far labelling has got.</summary>
public sealed record LibraryModel(
    int Total,
    int Matching,
    int Page,
    int Pages,
    IReadOnlyList<LibraryPost> Items,
    IReadOnlyDictionary<LabelState, int> States,
    IReadOnlyList<FilterOption> Animals,
    IReadOnlyList<FilterOption> Objects)
{
    /// <summary>Posts per page: a few screens of thumbnails, so a page renders at once whatever the profile's size.</summary>
    public const int PageSize = 60;

    /// <summary>"312 of 1,471 posts".</summary>
    public string CountText => $"{Matching:N0} of {Total:N0} posts";

    public int Labelled => States.GetValueOrDefault(LabelState.Labelled);

    public int Waiting => States.GetValueOrDefault(LabelState.Waiting);

    public int Failed => States.GetValueOrDefault(LabelState.Failed);

    /// <summary>
    /// Filters the posts (already limited to the date range), newest first, and cuts out one page (1-based; clamped).
    /// <paramref name="wordMatches"/>: the media files whose overlay text matches the filter's words. Posts given newest
    /// first (as <c>LibrarySource</c> keeps them) are not sorted again: a visit is then one pass, whatever the profile's size.
    /// </summary>
    public static LibraryModel Build(IReadOnlyList<LibraryPost> posts, LibraryFilter filter, int page, int pageSize = PageSize, IReadOnlySet<long>? wordMatches = null)
    {
        var ordered = IsNewestFirst(posts) ? posts : NewestFirst(posts);
        var matching = new List<int>();
        var states = new int[Enum.GetValues<LabelState>().Length];
        for (var i = 0; i < ordered.Count; i++)
        {
            states[(int)ordered[i].State]++;
            if (filter.Matches(ordered[i], wordMatches))
                matching.Add(i);
        }
        var pages = Math.Max(1, (matching.Count + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var present = posts.Select(p => p.Labels).OfType<LabelSet>()
            .SelectMany(l => l.Objects.Where(o => o.Name != "person").Select(o => (o.Name, o.IsAnimal)).Distinct())
            .GroupBy(o => o).Select(g => (g.Key.Name, g.Key.IsAnimal, Posts: g.Count()))
            .OrderByDescending(o => o.Posts).ThenBy(o => o.Name, StringComparer.Ordinal).ToList();
        return new LibraryModel(
            posts.Count,
            matching.Count,
            page,
            pages,
            matching.Skip((page - 1) * pageSize).Take(pageSize).Select(i => ordered[i]).ToList(),
            Enum.GetValues<LabelState>().Where(state => states[(int)state] > 0).ToDictionary(state => state, state => states[(int)state]),
            present.Where(o => o.IsAnimal).Select(o => new FilterOption(o.Name, o.Posts)).ToList(),
            present.Where(o => !o.IsAnimal).Select(o => new FilterOption(o.Name, o.Posts)).ToList());
    }

    /// <summary>The posts newest first, ties by the newer post id first: the Library's order.</summary>
    public static LibraryPost[] NewestFirst(IEnumerable<LibraryPost> posts) =>
        [.. posts.OrderByDescending(p => p.PublishedUtc).ThenByDescending(p => p.PostId)];

    private static bool IsNewestFirst(IReadOnlyList<LibraryPost> posts)
    {
        for (var i = 1; i < posts.Count; i++)
        {
            var (before, after) = (posts[i - 1], posts[i]);
            if (after.PublishedUtc > before.PublishedUtc || (after.PublishedUtc == before.PublishedUtc && after.PostId > before.PostId))
                return false;
        }
        return true;
    }
}
