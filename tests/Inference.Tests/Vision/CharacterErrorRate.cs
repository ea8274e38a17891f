namespace Insights.Inference.Tests.Vision;

/// <summary>Character error rate: edit distance (insertions, deletions, substitutions) over the true text's length.</summary>
internal static class CharacterErrorRate
{
    /// <summary>Whitespace runs (line breaks included) count as one space, so only the characters and word gaps are compared.</summary>
    public static string Normalise(string text) => string.Join(' ', text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Summed edit distance over summed true length, for a set of (truth, read) pairs.</summary>
    public static double Of(IEnumerable<(string Truth, string Read)> pairs)
    {
        long errors = 0, length = 0;
        foreach (var (truth, read) in pairs)
        {
            errors += Distance(Normalise(truth), Normalise(read));
            length += Normalise(truth).Length;
        }

        return (double)errors / Math.Max(1, length);
    }

    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
