using System.Globalization;
using Insights.Analytics.Engagement;

namespace Insights.Analytics.Vocabulary;

/// <summary>
/// The one catalogue of display names, units and explanations for every feature, label and value the pages,
/// charts and reports show. Code names (media_type, no_person, text_area, custom_…) stay in the API and CSV files;
/// everything a person reads goes through here. A code the catalogue does not know (a team's manual label
/// category, a new label) is shown humanised: "call_to_action" reads "Call to action".
/// </summary>
public static class Terms
{
    /// <summary>The prefix of custom labels' categories ("custom_" + the name a user gave).</summary>
    public const string CustomPrefix = "custom_";

    /// <summary>The safety classifier's flag: shown as one "sensitive content" flag, and left out of reports unless asked for.</summary>
    public const string SensitiveCategory = "nsfw";

    private static readonly Dictionary<string, Term> Features = new(StringComparer.Ordinal)
    {
        ["media_type"] = new("Format", null, "Whether the post is a single image, a carousel or a video."),
        ["duration_seconds"] = new("Video length", "seconds", "How long the video runs; empty for images."),
        ["publish_hour"] = new("Hour of posting", "profile's time zone", "The hour of the day the post went out, on the clock of the profile's time zone."),
        ["hour_bucket"] = new("Time of day", "profile's time zone", "The quarter of the day the post went out, on the clock of the profile's time zone."),
        ["weekday"] = new("Day of the week", null, "The day of the week the post went out, in the profile's time zone."),
        ["day_type"] = new("Weekday or weekend", null, "Whether the post went out on a weekday or at the weekend, in the profile's time zone."),
        ["caption_length"] = new("Caption length", "characters", "How many characters the caption has."),
        ["hashtags"] = new("Hashtags", "count", "How many #hashtags the caption has."),
        ["mentions"] = new("Mentions", "count", "How many @mentions the caption has."),
        ["emoji"] = new("Emoji", "count", "How many emoji the caption has."),
        ["people"] = new("People in the picture", null, "How many people the object detector finds (in most frames, for a video)."),
        ["faces"] = new("Faces", "count", "How many faces the face detector finds."),
        ["text_overlay"] = new("Text on the image", null, "Whether the text detector finds written text on the image."),
        ["text_area"] = new("Text area", "share of the image", "How much of the image is covered by text, from 0 (none) to 1 (all)."),
        ["text_words"] = new("Words on the image", "count", "How many words the text reader (OCR) reads on the image."),
        ["text_number"] = new("Number on the image", null, "Whether the text read on the image has a digit."),
        ["text_price"] = new("Price on the image", null, "Whether the text read on the image has a price or a percentage (\"$19.99\", \"50% off\")."),
        ["text_call_to_action"] = new("Call to action on the image", null, "Whether the text read on the image asks for an action (\"shop now\", \"link in bio\", \"sign up today\")."),
        ["illustration"] = new("Drawing or illustration", null, "Whether the image is a drawing or illustration rather than a photo."),
        ["animals"] = new("Animals", null, "Whether the object detector finds an animal."),
        ["nsfw"] = new("Sensitive content", null, "Whether the safety classifier flags the image as possibly sensitive."),
        ["brightness"] = new("Brightness", "0 to 1", "How light the image is on average, from 0 (black) to 1 (white)."),
        ["contrast"] = new("Contrast", "0 to 1", "How much light and dark parts differ (spread of brightness)."),
        ["colourfulness"] = new("Colourfulness", "0 to 1", "How vivid the colours are, from 0 (grey) upwards."),
        ["sharpness"] = new("Sharpness", "relative", "How crisp the edges are; higher is sharper."),
        ["aspect_ratio"] = new("Shape", "width ÷ height", "Width divided by height: 1 is square, above 1 landscape, below 1 portrait."),
    };

    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["no_person"] = "No people",
        ["one_person"] = "One person",
        ["two_persons"] = "Two people",
        ["three_or_more"] = "Three or more people",
        ["image"] = "Image",
        ["carousel"] = "Carousel",
        ["video"] = "Video",
        ["weekday"] = "Weekday",
        ["weekend"] = "Weekend",
        ["00-05"] = "Night (00–06 h)",
        ["06-11"] = "Morning (06–12 h)",
        ["12-17"] = "Afternoon (12–18 h)",
        ["18-23"] = "Evening (18–24 h)",
        ["other"] = "Other",
        ["low"] = "Low",
        ["mid"] = "Middle",
        ["high"] = "High",
    };

    /// <summary>The term of a feature or label category; a manual or unknown one is humanised, a custom label named as such.</summary>
    public static Term Of(string code)
    {
        if (Features.TryGetValue(code, out var term))
            return term;
        if (code.StartsWith(CustomPrefix, StringComparison.Ordinal))
            return new Term(Humanise(code[CustomPrefix.Length..]), null, "A custom label: posts whose pictures look like the examples given for it.");
        return new Term(Humanise(code), null, "A label from your own imported labels.");
    }

    /// <summary>The display name of a feature or category.</summary>
    public static string Name(string code) => Of(code).Name;

    /// <summary>True when the catalogue has its own words for <paramref name="code"/> (not a humanised fallback).</summary>
    public static bool IsKnown(string code) => Features.ContainsKey(code);

    /// <summary>The display text of one value of a category: yes/no for flags, weekday names capitalised, people counts in words.</summary>
    public static string Value(string category, string value)
    {
        if (IsFlag(category) || category.StartsWith(CustomPrefix, StringComparison.Ordinal))
        {
            if (value == "1") return "Yes";
            if (value == "0") return "No";
        }
        return Values.TryGetValue(value, out var text) ? text : Humanise(value);
    }

    /// <summary>The display name with where the label comes from where that is not obvious: "Topic (your labels)", "Hashtags (caption)".</summary>
    public static string Name(string code, LabelSource source) => source switch
    {
        LabelSource.Manual => $"{Name(code)} (your labels)",
        LabelSource.Caption => $"{Name(code)} (caption)",
        _ => Name(code),
    };

    /// <summary>
    /// The posts that have one value of a category, as the subject of a sentence: "Posts with one person",
    /// "Posts without text on the image", "Posts where day of the week is Monday".
    /// </summary>
    public static string Subject(string category, string value)
    {
        var shown = Value(category, value);
        if (category == "people")
            return "Posts with " + Lower(shown);
        if (category == "media_type")
            return value switch { "video" => "Videos", "carousel" => "Carousels", "image" => "Single images", _ => $"Posts in the {shown} format" };
        if (IsFlag(category) || category.StartsWith(CustomPrefix, StringComparison.Ordinal))
        {
            if (value == "1") return "Posts with " + Lower(Name(category));
            if (value == "0") return "Posts without " + Lower(Name(category));
        }
        return $"Posts where {Lower(Name(category))} is {shown}";
    }

    /// <summary>
    /// A target as <c>EngagementTarget.Describe</c> names it ("ER", "PoR / rolling median") in words:
    /// "Engagement rate ÷ typical post of its weeks".
    /// </summary>
    public static string Target(string described) =>
        (described.StartsWith("ER", StringComparison.Ordinal) ? "Engagement rate" : "Popularity Rate") +
        (described.Contains("rolling", StringComparison.Ordinal) ? " ÷ typical post of its weeks" : "");

    // Lower-cases the first letter only, so names inside a sentence keep their capitals (Monday, UTC).
    internal static string Lower(string text) => text.Length == 0 ? text : char.ToLower(text[0], CultureInfo.InvariantCulture) + text[1..];

    private static bool IsFlag(string category) =>
        category is "text_overlay" or "text_number" or "text_price" or "text_call_to_action" or "illustration" or "animals" or SensitiveCategory;

    /// <summary>"call_to_action" → "Call to action"; text without underscores keeps its case apart from the first letter.</summary>
    public static string Humanise(string code)
    {
        var words = code.Replace('_', ' ').Trim();
        return words.Length == 0 ? code : char.ToUpper(words[0], CultureInfo.InvariantCulture) + words[1..];
    }
}
