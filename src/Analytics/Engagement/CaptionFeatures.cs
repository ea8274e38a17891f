using System.Globalization;
using System.Text;

namespace Insights.Analytics.Engagement;

/// <summary>Countable features of a caption. Length is in text elements (what a reader sees as characters).</summary>
public sealed record CaptionFeatures(int Length, int Hashtags, int Mentions, int Emoji)
{
    public static readonly CaptionFeatures Empty = new(0, 0, 0, 0);

    /// <summary>
    /// Hashtags are '#' followed by a letter, digit or '_' at the start or after a non-word character
    /// (so "a#b" and "C#" are not tags); mentions likewise with '@' (so e-mail addresses are not);
    /// emoji are text elements holding a pictographic code point, so a ZWJ family or a flag counts once.
    /// </summary>
    public static CaptionFeatures Extract(string? caption)
    {
        if (string.IsNullOrEmpty(caption)) return Empty;
        int hashtags = 0, mentions = 0;
        for (var i = 0; i < caption.Length - 1; i++)
        {
            var c = caption[i];
            if (c != '#' && c != '@') continue;
            if (i > 0 && IsWord(caption[i - 1])) continue;
            if (!IsWord(caption[i + 1])) continue;
            if (c == '#') hashtags++;
            else mentions++;
        }
        int length = 0, emoji = 0;
        var elements = StringInfo.GetTextElementEnumerator(caption);
        while (elements.MoveNext())
        {
            length++;
            if (IsEmoji(elements.GetTextElement())) emoji++;
        }
        return new CaptionFeatures(length, hashtags, mentions, emoji);
    }

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsEmoji(string element)
    {
        foreach (var rune in element.EnumerateRunes())
        {
            var v = rune.Value;
            if (v is >= 0x1F000 and <= 0x1FAFF) return true; // pictographs, emoticons, transport, flags (regional indicators)
            if (v is >= 0x2600 and <= 0x27BF) return true; // misc symbols, dingbats
            if (v is >= 0x2B00 and <= 0x2BFF && Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol) return true;
        }
        return false;
    }
}
