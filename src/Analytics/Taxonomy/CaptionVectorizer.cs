using System.Text;

namespace Insights.Analytics.Taxonomy;

/// <summary>
/// Caption words and hashtags as a hashed bag of terms weighted by TF-IDF: term frequency log(1 + count), inverse
/// document frequency ln((1 + N) / (1 + df)) + 1 learned on the training captions, and the vector scaled to unit
/// length. A hashtag is its own term ("#travel" differs from "travel"). Immutable once built.
/// </summary>
public sealed class CaptionVectorizer
{
    private readonly float[] _idf;

    public CaptionVectorizer(float[] idf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(idf.Length, 1);
        _idf = idf;
    }

    public int Buckets => _idf.Length;

    /// <summary>Inverse document frequency of every bucket (a copy).</summary>
    public float[] Idf => (float[])_idf.Clone();

    /// <summary>Learns the document frequencies of the training captions.</summary>
    public static CaptionVectorizer Fit(IEnumerable<string?> captions, int buckets)
    {
        var df = new int[buckets];
        var documents = 0;
        foreach (var caption in captions)
        {
            documents++;
            foreach (var bucket in Counts(caption, buckets).Keys)
                df[bucket]++;
        }
        var idf = new float[buckets];
        for (var b = 0; b < buckets; b++)
            idf[b] = (float)(Math.Log((1.0 + documents) / (1.0 + df[b])) + 1.0);
        return new CaptionVectorizer(idf);
    }

    public SparseTerms Transform(string? caption)
    {
        var counts = Counts(caption, Buckets);
        if (counts.Count == 0)
            return SparseTerms.Empty;
        var indices = counts.Keys.Order().ToArray();
        var weights = new float[indices.Length];
        double norm = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var w = Math.Log(1.0 + counts[indices[i]]) * _idf[indices[i]];
            weights[i] = (float)w;
            norm += w * w;
        }
        var scale = (float)(1.0 / Math.Sqrt(norm));
        for (var i = 0; i < weights.Length; i++) weights[i] *= scale;
        return new SparseTerms(indices, weights);
    }

    /// <summary>Lower-case words of two or more letters or digits, and hashtags ('#' then letters, digits or '_').</summary>
    public static IEnumerable<string> Terms(string? caption)
    {
        if (string.IsNullOrEmpty(caption)) yield break;
        var term = new StringBuilder();
        var hashtag = false;
        for (var i = 0; i <= caption.Length; i++)
        {
            var c = i < caption.Length ? caption[i] : ' ';
            if (char.IsLetterOrDigit(c) || (hashtag && c == '_'))
            {
                term.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (term.Length >= 2 || (hashtag && term.Length >= 1))
                yield return hashtag ? "#" + term : term.ToString();
            term.Clear();
            hashtag = c == '#';
        }
    }

    /// <summary>Bucket of a term: FNV-1a over its UTF-16 code units, so it is the same in every process and version.</summary>
    public static int Bucket(string term, int buckets)
    {
        var hash = 2166136261u;
        foreach (var c in term)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % (uint)buckets);
    }

    private static Dictionary<int, int> Counts(string? caption, int buckets)
    {
        var counts = new Dictionary<int, int>();
        foreach (var term in Terms(caption))
        {
            var bucket = Bucket(term, buckets);
            counts[bucket] = counts.GetValueOrDefault(bucket) + 1;
        }
        return counts;
    }
}
