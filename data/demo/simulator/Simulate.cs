// Insights demo-data simulator.  Run from the repository root:
//     dotnet run data/demo/simulator/Simulate.cs            (writes the CSVs and truth.json)
//     dotnet run data/demo/simulator/Simulate.cs -- --check (also prints a sanity report)
// Options: --data DIR (the demo folder, default data/demo); --seed N (default 6: of seeds 1-10 the one
// whose least-squares fit is closest to the planted truth, worst |z| 1.5 over 22 coefficients).
// --check prints counts, label shares, PoR medians by label and a log-linear least-squares fit of
// log PoR on the planted features (and on some no-effect ones) next to the truth.
//
// MODEL (all randomness from new Random(Seed); same inputs -> byte-identical outputs)
// ------------------------------------------------------------------------------------
// Inputs: data/demo/media.csv (true labels of every media file, made by looking).
//
// Followers.  A true daily follower curve f(t), 2021-11-01 .. 2026-10-31, grows from 8,000
// to 90,000: log f(t) integrates a slowly declining base growth rate plus two Gaussian
// "spurts" (a viral spring 2023 and a summer 2025 campaign) and a flat stretch in late 2024.
// followers.csv holds irregular snapshots of f(t) (weekly in some periods, monthly in others,
// gaps of 2-5 months) with small multiplicative noise (sd 0.3%).
//
// Schedule.  Posts are drawn day by day: a per-period weekly rate (4-8 posts/week), a few
// pauses (1-4 weeks without posts), mostly one post a day, sometimes two.  Local time is
// UTC+1 (no DST); posting hours 7-22 local, peaks in the morning, at lunch and in the evening.
//
// Media.  Every video clip of media.csv (except the 60 s one, used once) is one video post.
// About 150 carousels of 2-3 images; the other images are single-image posts.  The 40
// planted near-duplicate files (variant_of set) are posted after their original ("reposts").
// A post's content labels are those of its FIRST media file.
//
// Metrics.  T = likes + comments ~ f(t)^0.8 * base(group) * PRODUCT(effects) * LogNormal(0, 0.35)
//   base(images incl. carousels) = 0.24, base(video) = 0.08  (images ~3x videos)
//   the exponent 0.8 < 1 plants the follower-growth drift: PoR = T / f(t) falls as f grows.
//   Planted multiplicative effects on expected PoR (also written to truth.json):
//     people: one x1.25, two x1.20, three or more x1.10 (vs none)
//     text overlay x0.80; illustration x0.85; brightness x(1 + 0.6 * (brightness - 0.5))
//     weekend (Saturday/Sunday, UTC) x1.12; carousel x1.15 (vs single image)
//     near-duplicate repost x0.70; topic behind-the-scenes x1.20, topic product x0.90
//   NO effect: tone, objective, publish hour, number of hashtags, caption length, mentions,
//     emoji, animals, faces (beyond people), other topics.
//   comments = T * c / (1 + c) with c ~ U(0.03, 0.06) (so comments are 3-6% of likes).
//   Last two years only (published_at >= 2024-11-01; EMPTY before, missing is not zero):
//     impressions = f * 0.45 * LogNormal(0, 0.25) * (T / E0)^0.4, where E0 is T's expectation
//       without effects and noise (mild tie to performance, so ER correlates with PoR);
//     reach = impressions * U(0.70, 0.90); saves = likes * LogNormal(ln 0.04, 0.4);
//     shares = likes * LogNormal(ln 0.015, 0.5).
//   Videos: video_views = likes * U(2, 6); duration_sec = the clip's real duration (mp4 mvhd).
// Manual labels (labels.csv): topic (25 values, Zipf-like, 4% missing), tone (5 values, 12%
// missing), objective (awareness, engagement, conversion; 8% missing), drawn independently of
// the content.  Captions: words by topic, 0-12 hashtags, 0-3 @mentions, some emoji, some
// commas/quotes/newlines (RFC 4180 quoting).
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

int Seed = 6;
const double Exponent = 0.8, BaseImage = 0.24, BaseVideo = 0.08, Sigma = 0.35;
var eff = new SortedDictionary<string, double>
{
    ["people_one"] = 1.25, ["people_two"] = 1.20, ["people_three_or_more"] = 1.10,
    ["text_overlay"] = 0.80, ["illustration"] = 0.85, ["weekend"] = 1.12, ["carousel"] = 1.15,
    ["near_duplicate"] = 0.70, ["topic_behind-the-scenes"] = 1.20, ["topic_product"] = 0.90,
};
const double BrightnessSlope = 0.6;
var inv = CultureInfo.InvariantCulture;

string dataDir = "data/demo";
bool check = false;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--check") check = true;
    else if (args[i] == "--data" && i + 1 < args.Length) dataDir = args[++i];
    else if (args[i] == "--seed" && i + 1 < args.Length) Seed = int.Parse(args[++i], CultureInfo.InvariantCulture);
}
if (!File.Exists(Path.Combine(dataDir, "media.csv")))
{
    Console.Error.WriteLine($"error: {Path.Combine(dataDir, "media.csv")} not found (run from the repository root or pass --data DIR)");
    return 2;
}

var rng = new Random(Seed);
double Normal() { double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble(); return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2); }
double LogNormal(double mu, double sd) => Math.Exp(mu + sd * Normal());
double U(double a, double b) => a + (b - a) * rng.NextDouble();

// ---------------------------------------------------------------- media
var media = Csv.Read(Path.Combine(dataDir, "media.csv"));
var byFile = media.ToDictionary(m => m["file"]);
double Duration(string file)
{
    var b = File.ReadAllBytes(Path.Combine(dataDir, "media", file));
    for (int p = 4; p + 32 < b.Length; p++)
    {
        if (b[p] != 'm' || b[p + 1] != 'v' || b[p + 2] != 'h' || b[p + 3] != 'd') continue;
        static long Be(byte[] a, int o, int n) { long v = 0; for (int k = 0; k < n; k++) v = (v << 8) | a[o + k]; return v; }
        return b[p + 4] == 0 ? (double)Be(b, p + 20, 4) / Be(b, p + 16, 4) : (double)Be(b, p + 28, 8) / Be(b, p + 24, 4);
    }
    throw new InvalidDataException($"{file}: no mvhd box");
}

// ---------------------------------------------------------------- followers
var start = new DateTime(2021, 11, 1, 0, 0, 0, DateTimeKind.Utc);
var end = new DateTime(2026, 10, 31, 0, 0, 0, DateTimeKind.Utc);
int days = (int)(end - start).TotalDays + 1;
double Gauss(double x, double mu, double sd) => Math.Exp(-0.5 * (x - mu) * (x - mu) / (sd * sd));
var rate = new double[days];
for (int d = 0; d < days; d++)
{
    double y = d / 365.25;
    double r = 1.0 - 0.1 * y;                      // slowly declining organic growth
    r += 3.2 * Gauss(y, 1.40, 0.10);               // spring 2023 viral spurt
    r += 2.2 * Gauss(y, 3.65, 0.12);               // summer 2025 campaign spurt
    if (y > 2.85 && y < 3.25) r *= 0.25;           // flat stretch late 2024
    rate[d] = r;
}
double totalLog = Math.Log(90000.0 / 8000.0), sumRate = rate.Sum();
var fTrue = new double[days];
double acc = Math.Log(8000);
for (int d = 0; d < days; d++) { fTrue[d] = Math.Exp(acc); acc += rate[d] / sumRate * totalLog; }
double FollowersAt(DateTime t)
{
    double x = (t - start).TotalDays;
    int d = Math.Clamp((int)Math.Floor(x), 0, days - 1);
    int d2 = Math.Min(d + 1, days - 1);
    double w = Math.Clamp(x - d, 0, 1);
    return fTrue[d] * (1 - w) + fTrue[d2] * w;
}
var snapDays = new List<int>();
{
    int d = 0;
    while (d < days)
    {
        snapDays.Add(d);
        var t = start.AddDays(d);
        int step;
        if ((t >= new DateTime(2022, 1, 1) && t < new DateTime(2022, 6, 1)) || (t >= new DateTime(2025, 1, 1) && t < new DateTime(2025, 9, 1)))
            step = rng.Next(6, 9);                                   // weekly-ish
        else if ((t >= new DateTime(2022, 9, 1) && t < new DateTime(2023, 1, 1)) || (t >= new DateTime(2024, 2, 1) && t < new DateTime(2024, 7, 1)))
            step = rng.Next(60, 150);                                // gaps of 2-5 months
        else
            step = rng.Next(20, 40);                                 // roughly monthly
        d += step;
    }
    if (snapDays[^1] != days - 1) snapDays.Add(days - 1);
}
var followersRows = snapDays.Select(d => (date: start.AddDays(d), n: (long)Math.Round(fTrue[d] * (1 + 0.003 * Normal())))).ToList();

// ---------------------------------------------------------------- schedule
var pauses = new List<(DateTime a, DateTime b)>
{
    (new DateTime(2022, 8, 1), new DateTime(2022, 8, 22)), (new DateTime(2023, 12, 22), new DateTime(2024, 1, 8)),
    (new DateTime(2024, 9, 9), new DateTime(2024, 10, 6)), (new DateTime(2025, 12, 20), new DateTime(2026, 1, 5)),
    (new DateTime(2026, 5, 4), new DateTime(2026, 5, 14)),
};
var times = new List<DateTime>();
int[] hourWeights = { 0, 0, 0, 0, 0, 0, 0, 3, 6, 7, 5, 4, 7, 6, 4, 3, 4, 5, 8, 9, 8, 6, 3, 0 };
int HourLocal() { int tot = hourWeights.Sum(), x = rng.Next(tot); for (int h = 0; h < 24; h++) { x -= hourWeights[h]; if (x < 0) return h; } return 12; }
double weekly = 6;
for (int d = 0; d < days; d++)
{
    var day = start.AddDays(d);
    if (day.Day == 1) weekly = U(4.6, 7.6);
    if (pauses.Any(p => day >= p.a && day < p.b)) continue;
    double p1 = weekly / 7.0;
    int n = rng.NextDouble() < p1 ? (rng.NextDouble() < 0.12 ? 2 : 1) : 0;
    var hours = new SortedSet<int>();
    while (hours.Count < n) hours.Add(HourLocal());
    foreach (var h in hours)
    {
        var local = day.AddHours(h).AddMinutes(rng.Next(0, 12) * 5);
        times.Add(local.AddHours(-1)); // local is UTC+1
    }
}

// ---------------------------------------------------------------- media units
var videos = media.Where(m => m["kind"] == "video" && m["file"] != "vid_bench_60s.mp4").Select(m => m["file"]).ToList();
var images = media.Where(m => m["kind"] == "image" && m["variant_of"] == "").Select(m => m["file"]).ToList();
var variants = media.Where(m => m["kind"] == "image" && m["variant_of"] != "").Select(m => m["file"]).ToList();
Shuffle(images);
var units = new List<(string type, List<string> files)>();
foreach (var v in videos) units.Add(("video", new List<string> { v }));
if (byFile.ContainsKey("vid_bench_60s.mp4")) units.Add(("video", new List<string> { "vid_bench_60s.mp4" }));
int carousels = 150, pos = 0;
for (int c = 0; c < carousels; c++)
{
    int k = rng.NextDouble() < 0.7 ? 2 : 3;
    units.Add(("carousel", images.GetRange(pos, k))); pos += k;
}
for (; pos < images.Count; pos++) units.Add(("image", new List<string> { images[pos] }));
foreach (var v in variants) units.Add(("image", new List<string> { v }));
Shuffle(units);
// fit the schedule to the number of units: drop random slots (or add) deterministically
while (times.Count > units.Count) times.RemoveAt(rng.Next(times.Count));
while (times.Count < units.Count) { var t0 = times[rng.Next(times.Count)]; times.Add(t0.AddHours(3 + rng.Next(4))); }
times.Sort();
// reposts: make every near-duplicate come after (at least 21 days) its original
int UnitOf(string file) => units.FindIndex(u => u.files.Contains(file));
for (int pass = 0; pass < 3; pass++)
    foreach (var v in variants)
    {
        int iv = UnitOf(v), io = UnitOf(byFile[v]["variant_of"]);
        if (times[iv] < times[io].AddDays(21))
        {
            if (iv < io) { (units[iv], units[io]) = (units[io], units[iv]); (iv, io) = (io, iv); }
            if (times[iv] < times[io].AddDays(21))
            {
                int later = times.FindIndex(t => t >= times[io].AddDays(21 + rng.Next(200)));
                if (later < 0) later = times.Count - 1;
                if (!variants.Contains(units[later].files[0]) && !units[later].files.Any(f => variants.Any(x => byFile[x]["variant_of"] == f)))
                    (units[iv], units[later]) = (units[later], units[iv]);
            }
        }
    }

// ---------------------------------------------------------------- labels and captions
string[] topics = { "product", "behind-the-scenes", "travel", "food", "team", "event", "tips", "customer-story",
    "announcement", "holiday", "nature", "city", "quote", "giveaway", "tutorial", "sustainability", "partnership",
    "throwback", "community", "fashion", "sport", "music", "art", "pets", "milestone" };
double[] topicW = topics.Select((_, i) => 1.0 / Math.Pow(i + 1, 0.95)).ToArray();
string[] tones = { "informative", "humorous", "inspirational", "promotional", "emotional" };
double[] toneW = { 0.3, 0.15, 0.2, 0.25, 0.1 };
string[] objectives = { "awareness", "engagement", "conversion" };
double[] objW = { 0.4, 0.4, 0.2 };
int Pick(double[] w) { double x = rng.NextDouble() * w.Sum(); for (int i = 0; i < w.Length; i++) { x -= w[i]; if (x < 0) return i; } return w.Length - 1; }
string[] openers = { "Look at this", "New week, new ideas", "We are so proud of this one", "Quick update from the studio",
    "Guess what we found", "Good morning from the team", "Here is a little something", "Throwback to a great day",
    "This made our day", "Fresh from the oven", "Out and about", "Big thanks to everyone", "A few words about",
    "Weekend mood", "Small details matter", "Tell us what you think", "Coming to you live", "Another day, another adventure" };
string[] middles = { "the light was just perfect", "our team worked hard on this", "it took three tries to get right",
    "we could not stop smiling", "the city felt brand new", "everything was made by hand", "it is finally here",
    "you asked, we listened", "simple things, done well", "a story worth sharing", "details, details, details",
    "the best part is still to come", "nothing beats a fresh start", "we learned a lot along the way" };
string[] closers = { "What do you think?", "Tag a friend who needs this.", "Link in bio.", "See you soon!",
    "Let us know in the comments.", "Save it for later.", "More tomorrow.", "Thank you for being here.", "" };
string[] emoji = { "✨", "🔥", "❤️", "😊", "🙌", "📸", "🌿", "☕", "🎉", "👀", "💡", "🚀", "🌅", "🍕", "🐾" };
string[] tagsGeneric = { "instagood", "photooftheday", "love", "happy", "design", "creative", "inspiration", "daily",
    "weekend", "smallbusiness", "teamwork", "community", "explore", "lifestyle", "style", "goodvibes", "new", "local" };
string[] mentions = { "@studio.north", "@mara_designs", "@coffee.lab", "@city_walks", "@the.makers", "@jonas.photo",
    "@greenroots", "@eventhall", "@lena_k", "@bakery_23" };
string Caption(string topic)
{
    var sb = new StringBuilder();
    sb.Append(openers[rng.Next(openers.Length)]);
    sb.Append(rng.NextDouble() < 0.5 ? ": " : ", ");
    sb.Append(middles[rng.Next(middles.Length)]);
    sb.Append('.');
    if (rng.NextDouble() < 0.15) sb.Append(" As they say, \"").Append(middles[rng.Next(middles.Length)]).Append("\".");
    if (rng.NextDouble() < 0.5) sb.Append(' ').Append(closers[rng.Next(closers.Length)]);
    int ne = rng.NextDouble() < 0.55 ? rng.Next(1, 4) : 0;
    for (int i = 0; i < ne; i++) sb.Append(' ').Append(emoji[rng.Next(emoji.Length)]);
    int nm = rng.NextDouble() < 0.35 ? rng.Next(1, 4) : 0;
    if (nm > 0) sb.Append(rng.NextDouble() < 0.3 ? "\n" : " ").Append("With ").Append(string.Join(" ", Enumerable.Range(0, nm).Select(_ => mentions[rng.Next(mentions.Length)]).Distinct()));
    int nh = rng.NextDouble() < 0.12 ? 0 : rng.Next(1, 13);
    if (nh > 0)
    {
        var tags = new List<string> { topic.Replace("-", "") };
        while (tags.Count < nh) { var t = tagsGeneric[rng.Next(tagsGeneric.Length)]; if (!tags.Contains(t)) tags.Add(t); }
        sb.Append(rng.NextDouble() < 0.5 ? "\n\n" : " ").Append(string.Join(" ", tags.Select(t => "#" + t)));
    }
    return sb.ToString().Trim();
}

// ---------------------------------------------------------------- metrics
var metricsStart = new DateTime(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc);
var posts = new List<Dictionary<string, string>>();
var labels = new List<(string id, string cat, string val)>();
var chk = new List<(string type, string id, double por, double? er, Dictionary<string, string> first, string topic, bool weekend, bool dup)>();
var ids = new HashSet<string>();
for (int i = 0; i < units.Count; i++)
{
    var (type, files) = units[i];
    var t = times[i];
    string id;
    do { id = "p" + rng.Next(100000, 999999).ToString(inv); } while (!ids.Add(id));
    var m = byFile[files[0]];
    int people = int.Parse(m["people"], inv);
    double bright = double.Parse(m["brightness"], inv);
    bool dup = m["variant_of"] != "";
    bool weekend = t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
    string? topic = rng.NextDouble() < 0.04 ? null : topics[Pick(topicW)];
    string? tone = rng.NextDouble() < 0.12 ? null : tones[Pick(toneW)];
    string? obj = rng.NextDouble() < 0.08 ? null : objectives[Pick(objW)];
    if (topic != null) labels.Add((id, "topic", topic));
    if (tone != null) labels.Add((id, "tone", tone));
    if (obj != null) labels.Add((id, "objective", obj));
    double mult = 1;
    if (people == 1) mult *= eff["people_one"]; else if (people == 2) mult *= eff["people_two"]; else if (people >= 3) mult *= eff["people_three_or_more"];
    if (m["text_overlay"] == "1") mult *= eff["text_overlay"];
    if (m["illustration"] == "1") mult *= eff["illustration"];
    mult *= 1 + BrightnessSlope * (bright - 0.5);
    if (weekend) mult *= eff["weekend"];
    if (type == "carousel") mult *= eff["carousel"];
    if (dup) mult *= eff["near_duplicate"];
    if (topic == "behind-the-scenes") mult *= eff["topic_behind-the-scenes"];
    if (topic == "product") mult *= eff["topic_product"];
    double f = FollowersAt(t);
    double e0 = Math.Pow(f, Exponent) * (type == "video" ? BaseVideo : BaseImage);
    double total = e0 * mult * LogNormal(0, Sigma);
    double c = U(0.03, 0.06);
    long likes = (long)Math.Round(total / (1 + c));
    long comments = Math.Max(0, (long)Math.Round(total) - likes);
    var row = new Dictionary<string, string>
    {
        ["post_id"] = id, ["published_at"] = t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", inv),
        ["media_type"] = type, ["caption"] = Caption(topic ?? "brand"),
        ["permalink"] = $"https://www.instagram.com/p/{id}/", ["likes"] = likes.ToString(inv), ["comments"] = comments.ToString(inv),
        ["shares"] = "", ["saves"] = "", ["impressions"] = "", ["reach"] = "", ["video_views"] = "", ["duration_sec"] = "",
        ["media"] = string.Join("|", files),
    };
    double? er = null;
    if (t >= metricsStart)
    {
        double impressions = f * 0.45 * LogNormal(0, 0.25) * Math.Pow(Math.Max(total, 1) / e0, 0.4);
        long imp = (long)Math.Round(impressions);
        long reach = (long)Math.Round(imp * U(0.70, 0.90));
        long saves = (long)Math.Round(likes * LogNormal(Math.Log(0.04), 0.4));
        long shares = (long)Math.Round(likes * LogNormal(Math.Log(0.015), 0.5));
        row["impressions"] = imp.ToString(inv); row["reach"] = reach.ToString(inv);
        row["saves"] = saves.ToString(inv); row["shares"] = shares.ToString(inv);
        er = (double)(likes + comments + shares + saves) / imp;
    }
    if (type == "video")
    {
        row["video_views"] = ((long)Math.Round(likes * U(2, 6))).ToString(inv);
        row["duration_sec"] = Math.Round(Duration(files[0]), 1).ToString("0.0", inv);
    }
    posts.Add(row);
    chk.Add((type, id, (likes + comments) / f, er, m, topic ?? "", weekend, dup));
}

// ---------------------------------------------------------------- write
string[] cols = { "post_id", "published_at", "media_type", "caption", "permalink", "likes", "comments", "shares", "saves",
    "impressions", "reach", "video_views", "duration_sec", "media" };
Csv.Write(Path.Combine(dataDir, "posts.csv"), cols, posts.Select(p => cols.Select(c => p[c]).ToArray()));
Csv.Write(Path.Combine(dataDir, "followers.csv"), new[] { "date", "followers" },
    followersRows.Select(r => new[] { r.date.ToString("yyyy-MM-dd", inv), r.n.ToString(inv) }));
var order = posts.Select((p, i) => (p["post_id"], i)).ToDictionary(x => x.Item1, x => x.i);
Csv.Write(Path.Combine(dataDir, "labels.csv"), new[] { "post_id", "category", "value" },
    labels.OrderBy(l => order[l.id]).Select(l => new[] { l.id, l.cat, l.val }));

var truth = new JsonObject
{
    ["description"] = "Planted truth of the demo profile; see the comment block of data/demo/simulator/Simulate.cs.",
    ["seed"] = Seed,
    ["target"] = "expected popularity rate PoR = (likes + comments) / followers(t)",
    ["model"] = "likes+comments = f(t)^exponent * base(media group) * product(effects) * LogNormal(0, sigma)",
    ["exponent"] = Exponent,
    ["follower_growth_drift"] = new JsonObject { ["exponent"] = Exponent, ["note"] = "PoR ~ f^(exponent-1): drifts down as the profile grows" },
    ["base"] = new JsonObject { ["image"] = BaseImage, ["carousel"] = BaseImage, ["video"] = BaseVideo, ["image_to_video_ratio"] = BaseImage / BaseVideo },
    ["noise_sigma_log"] = Sigma,
    ["labels_of_post"] = "content labels (people, text_overlay, illustration, brightness, near-duplicate) are those of the post's first media file in media.csv",
    ["effects"] = new JsonArray(
        Effect("people", "one_person", "media.csv people == 1", eff["people_one"], "no_person"),
        Effect("people", "two_persons", "media.csv people == 2", eff["people_two"], "no_person"),
        Effect("people", "three_or_more", "media.csv people >= 3", eff["people_three_or_more"], "no_person"),
        Effect("text_overlay", "1", "media.csv text_overlay == 1", eff["text_overlay"], "0"),
        Effect("illustration", "1", "media.csv illustration == 1", eff["illustration"], "0"),
        Effect("weekday", "weekend", "published_at is Saturday or Sunday (UTC)", eff["weekend"], "Monday-Friday"),
        Effect("media_type", "carousel", "media_type == carousel", eff["carousel"], "image"),
        Effect("near_duplicate", "1", "first media has variant_of set (repost)", eff["near_duplicate"], "0"),
        Effect("topic", "behind-the-scenes", "labels.csv topic", eff["topic_behind-the-scenes"], "any other or no topic"),
        Effect("topic", "product", "labels.csv topic", eff["topic_product"], "any other or no topic"),
        new JsonObject { ["feature"] = "brightness", ["kind"] = "linear", ["formula"] = "1 + 0.6 * (brightness - 0.5)", ["slope"] = BrightnessSlope,
            ["multiplier_at_0.2"] = 1 + BrightnessSlope * (0.2 - 0.5), ["multiplier_at_0.8"] = 1 + BrightnessSlope * (0.8 - 0.5) },
        new JsonObject { ["feature"] = "media_type", ["value"] = "video", ["multiplier"] = BaseVideo / BaseImage, ["baseline"] = "image", ["note"] = "media-group base level" }),
    ["no_effect"] = new JsonArray("tone", "objective", "publish_hour", "hashtag_count", "caption_length", "mention_count", "emoji_count",
        "animals", "faces", "topic (other than behind-the-scenes and product)"),
    ["comments_share"] = new JsonObject { ["comments_over_likes_min"] = 0.03, ["comments_over_likes_max"] = 0.06 },
    ["extended_metrics"] = new JsonObject
    {
        ["from"] = "2024-11-01T00:00:00Z", ["before"] = "empty (missing, not zero)",
        ["impressions"] = "f * 0.45 * LogNormal(0, 0.25) * (T / E0)^0.4, E0 = f^0.8 * base",
        ["reach"] = "impressions * U(0.70, 0.90)", ["saves"] = "likes * LogNormal(ln 0.04, 0.4)", ["shares"] = "likes * LogNormal(ln 0.015, 0.5)",
        ["er_vs_por"] = "positive correlation by construction",
    },
    ["video"] = new JsonObject { ["video_views"] = "likes * U(2, 6)", ["duration_sec"] = "real clip duration" },
    ["followers"] = new JsonObject { ["start"] = 8000, ["end"] = 90000, ["spurts"] = new JsonArray("2023-03/04 (viral)", "2025-07 (campaign)"),
        ["flat"] = "2024-09 .. 2025-01", ["snapshot_noise_sd"] = 0.003, ["snapshots"] = followersRows.Count },
    ["schedule"] = new JsonObject { ["timezone"] = "UTC+1 (local posting hours 7-22)", ["posts"] = posts.Count },
};
File.WriteAllText(Path.Combine(dataDir, "truth.json"), truth.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
Console.WriteLine($"wrote {posts.Count} posts, {followersRows.Count} follower snapshots, {labels.Count} labels to {dataDir}");

if (check) Report();
return 0;

JsonObject Effect(string feature, string value, string rule, double m, string baseline) =>
    new() { ["feature"] = feature, ["value"] = value, ["rule"] = rule, ["multiplier"] = m, ["baseline"] = baseline };

void Shuffle<T>(List<T> list) { for (int i = list.Count - 1; i > 0; i--) { int j = rng.Next(i + 1); (list[i], list[j]) = (list[j], list[i]); } }

void Report()
{
    Console.WriteLine();
    foreach (var g in chk.GroupBy(x => x.type).OrderBy(g => g.Key)) Console.WriteLine($"{g.Key,-9} {g.Count(),5} posts  median PoR {Median(g.Select(x => x.por)):P2}");
    Console.WriteLine($"posts with impressions: {chk.Count(x => x.er != null)}; corr(log PoR, log ER) = {Corr(chk.Where(x => x.er != null).Select(x => (Math.Log(x.por), Math.Log(x.er!.Value)))):F2}");
    foreach (var y in chk.GroupBy(x => posts[order[x.id]]["published_at"][..4])) Console.WriteLine($"  {y.Key}: {y.Count()} posts, image median PoR {Median(y.Where(x => x.type != "video").Select(x => x.por)):P2}");
    // effects: medians of PoR of image posts relative to the reference group, after removing the drift by year
    var img = chk.Where(x => x.type != "video").ToList();
    var yearMed = img.GroupBy(x => posts[order[x.id]]["published_at"][..4]).ToDictionary(g => g.Key, g => Median(g.Select(x => x.por)));
    double Adj((string type, string id, double por, double? er, Dictionary<string, string> first, string topic, bool weekend, bool dup) x) => x.por / yearMed[posts[order[x.id]]["published_at"][..4]];
    void Line(string name, Func<(string type, string id, double por, double? er, Dictionary<string, string> first, string topic, bool weekend, bool dup), bool> sel, Func<(string type, string id, double por, double? er, Dictionary<string, string> first, string topic, bool weekend, bool dup), bool> refSel)
    {
        var a = img.Where(sel).Select(Adj).ToList(); var b = img.Where(refSel).Select(Adj).ToList();
        Console.WriteLine($"  {name,-28} n={a.Count,4} ({100.0 * a.Count / img.Count,5:F1}%)  median ratio vs ref {Median(a) / Median(b):F2}");
    }
    int P(Dictionary<string, string> m) => int.Parse(m["people"], inv);
    Console.WriteLine("image/carousel posts, PoR divided by its year's median; ratio of medians vs reference:");
    Line("people=1 vs 0", x => P(x.first) == 1, x => P(x.first) == 0);
    Line("people=2 vs 0", x => P(x.first) == 2, x => P(x.first) == 0);
    Line("people>=3 vs 0", x => P(x.first) >= 3, x => P(x.first) == 0);
    Line("text_overlay vs none", x => x.first["text_overlay"] == "1", x => x.first["text_overlay"] == "0");
    Line("illustration vs photo", x => x.first["illustration"] == "1", x => x.first["illustration"] == "0");
    Line("animals vs none (no effect)", x => x.first["animals"] != "", x => x.first["animals"] == "");
    Line("brightness>0.6 vs <0.4", x => double.Parse(x.first["brightness"], inv) > 0.6, x => double.Parse(x.first["brightness"], inv) < 0.4);
    Line("weekend vs weekday", x => x.weekend, x => !x.weekend);
    Line("carousel vs image", x => x.type == "carousel", x => x.type == "image");
    Line("near-duplicate vs not", x => x.dup, x => !x.dup);
    Line("topic behind-the-scenes", x => x.topic == "behind-the-scenes", x => x.topic != "behind-the-scenes" && x.topic != "product");
    Line("topic product", x => x.topic == "product", x => x.topic != "behind-the-scenes" && x.topic != "product");
    Line("topic travel (no effect)", x => x.topic == "travel", x => x.topic != "behind-the-scenes" && x.topic != "product");
    // log-linear least squares on all posts, using the observed follower snapshots (as the analytics would)
    var snapX = followersRows.Select(r => (r.date - start).TotalDays).ToArray();
    var snapY = followersRows.Select(r => (double)r.n).ToArray();
    double Interp(double x) { int k = Array.FindIndex(snapX, v => v > x); if (k <= 0) return k == 0 ? snapY[0] : snapY[^1]; double w = (x - snapX[k - 1]) / (snapX[k] - snapX[k - 1]); return snapY[k - 1] * (1 - w) + snapY[k] * w; }
    string[] names = { "const", "log followers", "video", "carousel", "people=1", "people=2", "people>=3", "text_overlay", "illustration",
        "brightness-0.5", "weekend", "near_duplicate", "topic behind-the-scenes", "topic product", "animals (none)", "hour (none)", "hashtags (none)", "tone humorous (none)", "objective conversion (none)" };
    double[] truthB = { double.NaN, Exponent - 1, Math.Log(BaseVideo / BaseImage), Math.Log(eff["carousel"]), Math.Log(eff["people_one"]), Math.Log(eff["people_two"]),
        Math.Log(eff["people_three_or_more"]), Math.Log(eff["text_overlay"]), Math.Log(eff["illustration"]), BrightnessSlope, Math.Log(eff["weekend"]),
        Math.Log(eff["near_duplicate"]), Math.Log(eff["topic_behind-the-scenes"]), Math.Log(eff["topic_product"]), 0, 0, 0, 0, 0 };
    var labelOf = labels.GroupBy(l => l.id).ToDictionary(g => g.Key, g => g.ToDictionary(l => l.cat, l => l.val));
    var rowsX = new List<double[]>(); var ys = new List<double>();
    foreach (var x in chk)
    {
        var p = posts[order[x.id]];
        var t = DateTime.Parse(p["published_at"], inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        double f = Interp((t - start).TotalDays);
        var lab = labelOf.GetValueOrDefault(x.id) ?? new Dictionary<string, string>();
        int pe = P(x.first);
        double B(bool b) => b ? 1 : 0;
        rowsX.Add(new[] { 1, Math.Log(f), B(x.type == "video"), B(x.type == "carousel"), B(pe == 1), B(pe == 2), B(pe >= 3), B(x.first["text_overlay"] == "1"),
            B(x.first["illustration"] == "1"), double.Parse(x.first["brightness"], inv) - 0.5, B(x.weekend), B(x.dup), B(x.topic == "behind-the-scenes"),
            B(x.topic == "product"), B(x.first["animals"] != ""), t.Hour, p["caption"].Count(c => c == '#'), B(lab.GetValueOrDefault("tone") == "humorous"),
            B(lab.GetValueOrDefault("objective") == "conversion") });
        ys.Add(Math.Log((double.Parse(p["likes"], inv) + double.Parse(p["comments"], inv)) / f));
    }
    int k = names.Length, n = ys.Count;
    var xtx = new double[k, k]; var xty = new double[k];
    for (int r = 0; r < n; r++) for (int a = 0; a < k; a++) { xty[a] += rowsX[r][a] * ys[r]; for (int c = 0; c < k; c++) xtx[a, c] += rowsX[r][a] * rowsX[r][c]; }
    var inv2 = Invert(xtx, k);
    var beta = new double[k]; for (int a = 0; a < k; a++) for (int c = 0; c < k; c++) beta[a] += inv2[a, c] * xty[c];
    double rss = 0; for (int r = 0; r < n; r++) { double e = ys[r]; for (int a = 0; a < k; a++) e -= beta[a] * rowsX[r][a]; rss += e * e; }
    double s2 = rss / (n - k);
    Console.WriteLine($"log-linear least squares of log PoR on all {n} posts (followers interpolated from the snapshots), residual sd {Math.Sqrt(s2):F3}:");
    Console.WriteLine($"  {"feature",-28} {"estimate",9} {"multiplier",10} {"truth",7} {"z",6}");
    for (int a = 1; a < k; a++)
    {
        double se = Math.Sqrt(s2 * inv2[a, a]);
        bool linear = a == 1 || a == 9 || a == 15 || a == 16;
        Console.WriteLine($"  {names[a],-28} {beta[a],9:F3} {(linear ? "" : Math.Exp(beta[a]).ToString("F3", inv)),10} {(linear ? truthB[a] : Math.Exp(truthB[a])),7:F3} {(beta[a] - truthB[a]) / se,6:F1}");
    }
    var vids = chk.Where(x => x.type == "video").ToList();
    Console.WriteLine($"videos: {vids.Count}, with people {vids.Count(x => P(x.first) > 0)}");
    long size = new DirectoryInfo(dataDir).EnumerateFiles("*", SearchOption.AllDirectories).Where(f => !f.FullName.Contains("/simulator/bin/") && !f.FullName.Contains("/obj/")).Sum(f => f.Length);
    Console.WriteLine($"size of {dataDir}: {size / 1048576.0:F1} MiB ({Directory.GetFiles(Path.Combine(dataDir, "media")).Length} media files)");
}

static double[,] Invert(double[,] m, int k)
{
    var a = new double[k, 2 * k];
    for (int i = 0; i < k; i++) { for (int j = 0; j < k; j++) a[i, j] = m[i, j]; a[i, k + i] = 1; }
    for (int c = 0; c < k; c++)
    {
        int piv = c; for (int r = c + 1; r < k; r++) if (Math.Abs(a[r, c]) > Math.Abs(a[piv, c])) piv = r;
        for (int j = 0; j < 2 * k; j++) (a[c, j], a[piv, j]) = (a[piv, j], a[c, j]);
        double d = a[c, c]; for (int j = 0; j < 2 * k; j++) a[c, j] /= d;
        for (int r = 0; r < k; r++) if (r != c) { double f = a[r, c]; if (f != 0) for (int j = 0; j < 2 * k; j++) a[r, j] -= f * a[c, j]; }
    }
    var o = new double[k, k]; for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) o[i, j] = a[i, k + j]; return o;
}

static double Median(IEnumerable<double> xs) { var a = xs.OrderBy(x => x).ToArray(); return a.Length == 0 ? double.NaN : a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2; }
static double Corr(IEnumerable<(double x, double y)> ps)
{
    var a = ps.ToArray(); double mx = a.Average(p => p.x), my = a.Average(p => p.y);
    double sxy = a.Sum(p => (p.x - mx) * (p.y - my)), sxx = a.Sum(p => (p.x - mx) * (p.x - mx)), syy = a.Sum(p => (p.y - my) * (p.y - my));
    return sxy / Math.Sqrt(sxx * syy);
}

static class Csv
{
    public static List<Dictionary<string, string>> Read(string path)
    {
        var text = File.ReadAllText(path);
        var rows = new List<List<string>>();
        var row = new List<string>(); var field = new StringBuilder(); bool q = false;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (q)
            {
                if (ch == '"') { if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; } else q = false; }
                else field.Append(ch);
            }
            else if (ch == '"') q = true;
            else if (ch == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (ch == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = new List<string>(); }
            else if (ch != '\r') field.Append(ch);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        var header = rows[0];
        return rows.Skip(1).Select(r => header.Select((h, i) => (h, v: i < r.Count ? r[i] : "")).ToDictionary(x => x.h, x => x.v)).ToList();
    }

    public static void Write(string path, string[] header, IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(",", header.Select(Quote))).Append('\n');
        foreach (var r in rows) sb.Append(string.Join(",", r.Select(Quote))).Append('\n');
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    static string Quote(string s) => s.IndexOfAny(new[] { ',', '"', '\n', '\r' }) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
