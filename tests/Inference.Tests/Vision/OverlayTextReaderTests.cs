using System.Text.RegularExpressions;
using ImageMagick;
using ImageMagick.Drawing;
using Insights.Inference.Imaging;
using Insights.Inference.Vision;
using Xunit.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Insights.Inference.Tests.Vision;

/// <summary>
/// Overlay text read end to end (detection, then recognition) on images whose text is known: a set rendered
/// here with Debian's DejaVu fonts on demo photos, and the demo images whose SOURCES.md line names the string
/// composited onto them. Bounds are the measured character error rates with margin.
/// </summary>
[Collection("models")]
public sealed partial class OverlayTextReaderTests(ModelsFixture models, ITestOutputHelper output)
{
    private readonly ImageAnnotator _annotator = new(models.Sessions, new ImageDecoder(MsOptions.Create(new LabelOptions())), MsOptions.Create(new LabelOptions()));

    private static readonly string[] Strings =
    [
        "$19.99", "50% off", "Shop now", "Free delivery over $35", "New arrivals 2026", "Call 555 0199",
        "Limited time only", "Sign up today", "Buy 2 get 1 free", "Open 9am to 5pm", "Link in bio", "Save 30% this week",
    ];

    private static readonly string[] Fonts =
        ["DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSansCondensed.ttf", "DejaVuSerif-BoldItalic.ttf", "DejaVuSans.ttf"];

    [Fact]
    public async Task RenderedText_IsReadWithALowCharacterErrorRate()
    {
        var photos = DemoMedia.Truth().Where(t => t.Kind == "image" && !t.TextOverlay).OrderBy(t => t.File, StringComparer.Ordinal).ToList();
        var pairs = new List<(string Truth, string Read)>();
        for (var i = 0; i < Strings.Length; i++)
        {
            // every third image has a second line below the first, to check the reading order
            string[] lines = i % 3 == 0 ? [Strings[i], Strings[(i + 5) % Strings.Length]] : [Strings[i]];
            var frame = Render(DemoMedia.MediaPath(photos[i * 7 % photos.Count].File), lines, Fonts[i % Fonts.Length], boxed: i % 2 == 0);
            var labels = await _annotator.AnnotateAsync(frame);
            pairs.Add((string.Join('\n', lines), labels.Text.Content));
        }

        var cer = Report("rendered", pairs);
        // measured 0.000 (12 images, 16 lines, 222 characters); the bound leaves room for other CPUs' float rounding
        Assert.True(cer < 0.05, $"CER {cer:F3}");
        Assert.Equal(Strings[0] + "\n" + Strings[5], pairs[0].Read);
    }

    [Fact]
    public async Task DemoOverlayText_IsReadWithABoundedCharacterErrorRate()
    {
        // every eighth image with a composited string (44 of 352, to keep CI short), in file order
        var pairs = new List<(string Truth, string Read)>();
        foreach (var (file, text) in DemoStrings().Where((_, i) => i % 8 == 0))
        {
            var labels = await _annotator.AnnotateFileAsync(DemoMedia.MediaPath(file));
            // SOURCES.md writes a line break as " / "
            pairs.Add((text.Replace(" / ", "\n", StringComparison.Ordinal), labels.Text.Content));
        }

        Assert.True(pairs.Count > 30, $"only {pairs.Count} demo images with text");
        var cer = Report("demo", pairs);
        // measured 0.065 on this sample (510 characters) and 0.046 on all 352 images, most errors dropped word gaps
        Assert.True(cer < 0.15, $"CER {cer:F3}");
    }

    [Fact]
    public async Task Recogniser_IsServedWithTheDictionary_OneLabelPerOutputClass()
    {
        var session = await models.Sessions.GetAsync(Insights.Inference.Models.ModelNames.TextRecognizer);

        Assert.Equal(session.Manifest.Outputs[0].Shape[^1], session.Manifest.Labels.Count);
        Assert.Equal("<blank>", session.Manifest.Labels[0]);
        Assert.Equal(" ", session.Manifest.Labels[^1]);
        Assert.Contains("$", session.Manifest.Labels);
        Assert.Equal([-1, 3, 48, -1], session.Manifest.Input.Shape);
    }

    [Fact]
    public async Task APlainPhoto_HasNoText()
    {
        var labels = await _annotator.AnnotateFileAsync(ModelsFixture.FixturePath("Images", "coffee.png"));

        Assert.Equal("", labels.Text.Content);
    }

    /// <summary>(file, string) for each demo image whose SOURCES.md line says which text was composited onto it.</summary>
    internal static IEnumerable<(string File, string Text)> DemoStrings() =>
        File.ReadLines(Path.Combine(DemoMedia.Root, "data", "demo", "SOURCES.md"))
            .Select(line => SourceLine().Match(line))
            .Where(m => m.Success)
            .Select(m => (m.Groups["file"].Value, m.Groups["text"].Value));

    [GeneratedRegex("""^\| (?<file>img_\d+\.jpg) \|.*\btext "(?<text>[^"]+)" \(""")]
    private static partial Regex SourceLine();

    private double Report(string set, IReadOnlyList<(string Truth, string Read)> pairs)
    {
        var cer = CharacterErrorRate.Of(pairs);
        output.WriteLine($"{set}: CER {cer:F4} over {pairs.Count} images, {pairs.Sum(p => CharacterErrorRate.Normalise(p.Truth).Length)} characters");
        foreach (var (truth, read) in pairs.Where(p => CharacterErrorRate.Normalise(p.Truth) != CharacterErrorRate.Normalise(p.Read)))
            output.WriteLine($"  '{truth.Replace('\n', '|')}' read as '{read.Replace('\n', '|')}'");
        return cer;
    }

    // A demo photo at 640 px wide with the lines drawn centred, on a dark box or in white with a dark outline.
    private static RgbFrame Render(string photo, IReadOnlyList<string> lines, string font, bool boxed)
    {
        using var image = new MagickImage(photo);
        image.Resize(new MagickGeometry(640, 400) { IgnoreAspectRatio = true });
        var fontPath = Path.Combine("/usr/share/fonts/truetype/dejavu", font);
        for (var i = 0; i < lines.Count; i++)
        {
            var y = 160 + i * 70;
            var drawables = new Drawables();
            if (boxed)
                drawables.FillColor(new MagickColor(20, 20, 20)).Rectangle(40, y - 48, 600, y + 16);
            drawables.Font(fontPath).FontPointSize(40).TextAlignment(TextAlignment.Center).FillColor(MagickColors.White);
            if (!boxed)
                drawables.StrokeColor(MagickColors.Black).StrokeWidth(2);
            drawables.Text(320, y, lines[i]).Draw(image);
        }

        using var pixels = image.GetPixels();
        return new RgbFrame((int)image.Width, (int)image.Height, pixels.ToByteArray(PixelMapping.RGB)!);
    }
}
