using System.Globalization;
using System.Text;

namespace Insights.Benchmarks.Analytics;

/// <summary>
/// Writes a platform-style posts export: five years of posts with realistic values, captions
/// with commas, quotes and the odd line break (so they are quoted), and gaps in optional metrics.
/// </summary>
internal static class PostsCsvGenerator
{
    public const string Header = "Post ID,Publish time,Post type,Description,Permalink,Likes,Comments,Shares,Saves,Impressions,Reach,Duration (sec)";

    private static readonly string[] Words =
    [
        "summer", "sale", "new", "drop", "behind", "the", "scenes", "team", "coffee", "launch", "today", "city", "run",
        "studio", "recipe", "tips", "win", "giveaway", "weekend", "#ad", "#love", "@friend", "morning", "light",
    ];

    private static readonly string[] Types = ["IMAGE", "IMAGE", "CAROUSEL_ALBUM", "VIDEO"];

    public static long Write(string path, int rows, int seed = 1)
    {
        var random = new Random(seed);
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var step = TimeSpan.FromDays(5 * 365.0 / rows);
        var text = new StringBuilder(256);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.NewLine = "\n";
            writer.WriteLine(Header);
            for (var i = 0; i < rows; i++)
            {
                text.Clear();
                var published = start + step * i + TimeSpan.FromSeconds(random.Next(0, 600));
                var type = Types[random.Next(Types.Length)];
                var reach = random.Next(800, 40_000);
                var recent = i > rows / 2;   // insights only for the recent half, as real exports have
                text.Append(CultureInfo.InvariantCulture, $"{17_840_000_000L + i},{published:yyyy-MM-dd'T'HH:mm:ss'Z'},{type},");
                AppendCaption(text, random);
                text.Append(CultureInfo.InvariantCulture, $",https://ig.me/p/{i:x7},{random.Next(0, 5_000)},{random.Next(0, 300)},");
                if (recent)
                    text.Append(CultureInfo.InvariantCulture, $"{random.Next(0, 90)},{random.Next(0, 120)},{reach + random.Next(0, 9_000)},{reach},");
                else
                    text.Append(",,,,");
                if (type == "VIDEO")
                    text.Append(CultureInfo.InvariantCulture, $"{random.Next(5, 900) / 10.0:0.0}");
                writer.WriteLine(text);
            }
        }
        return new FileInfo(path).Length;
    }

    private static void AppendCaption(StringBuilder text, Random random)
    {
        var words = random.Next(1, 5);
        var quoted = random.Next(3) > 0;
        if (quoted) text.Append('"');
        for (var w = 0; w < words; w++)
        {
            if (w > 0) text.Append(quoted && random.Next(6) == 0 ? ", " : " ");
            text.Append(Words[random.Next(Words.Length)]);
        }
        if (quoted && random.Next(20) == 0) text.Append("\n\"\"quote\"\"");
        if (quoted) text.Append('"');
    }
}
