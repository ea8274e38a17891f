using System.Text.RegularExpressions;

namespace Insights.Analytics.Engagement;

/// <summary>
/// Caption-like features of the text read on an image (OCR): how many words, whether it has a number, a price
/// (a currency sign or code beside an amount, or a percentage off), and a call to action ("shop now", "link in bio").
/// </summary>
public sealed partial record OverlayTextFeatures(int Words, bool HasNumber, bool HasPrice, bool CallToAction)
{
    public static readonly OverlayTextFeatures Empty = new(0, false, false, false);

    public static OverlayTextFeatures Extract(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Empty;
        var words = text.Split((char[])[' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries).Length;
        return new OverlayTextFeatures(words, text.Any(char.IsDigit), Price().IsMatch(text), CallToActionPhrase().IsMatch(text));
    }

    // $19.99, 19,99 €, £5, EUR 20, 50% off, -30%
    [GeneratedRegex(@"[$€£¥]\s?\d|\d\s?[$€£¥]|\b(?:USD|EUR|GBP|CHF)\s?\d|\d\s?(?:USD|EUR|GBP|CHF)\b|\d\s?%", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Price();

    // OCR drops spaces between words now and then ("Shopnow"), so the words may run together
    [GeneratedRegex(@"\b(?:shop|buy|order|book|call|sign\s?up|join|subscribe|register|download|swipe|click|tap|visit|follow|save|get|try|learn|discover|grab)\s?(?:now|today|here|up|us|more|it|yours|online|the\s?link)\b|\blink\s?in\s?(?:the\s?)?bio\b|\bdon'?t\s?miss\b|\blimited\s?time\b|\bfree\s?(?:shipping|delivery|trial)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CallToActionPhrase();
}
