using Insights.Inference.Imaging;
using Insights.Inference.Runtime;
using Microsoft.Extensions.Options;

namespace Insights.Inference.Vision;

/// <summary>
/// Runs every labeler on one image and returns its <see cref="LabelSet"/>. The four models run one
/// after another: each ONNX Runtime run already uses every core (intra-op threads), so running them
/// concurrently on a small machine only adds contention. Thread-safe; register as a singleton.
/// </summary>
public sealed class ImageAnnotator
{
    private readonly ModelSessions _sessions;
    private readonly ImageDecoder _decoder;
    private readonly PeopleAndObjectsLabeler _people;
    private readonly FaceLabeler _faces;
    private readonly TextOverlayLabeler _text;
    private readonly StyleLabeler _style;

    public ImageAnnotator(ModelSessions sessions, ImageDecoder decoder, IOptions<LabelOptions> options)
    {
        _sessions = sessions;
        _decoder = decoder;
        var o = options.Value;
        _people = new PeopleAndObjectsLabeler(o);
        _faces = new FaceLabeler(o);
        _text = new TextOverlayLabeler(o);
        _style = new StyleLabeler(o);
    }

    /// <summary>Decodes and annotates image bytes (JPEG, PNG, WebP, GIF). Throws <see cref="MediaRejectedException"/> for a file it refuses.</summary>
    public async Task<LabelSet> AnnotateAsync(byte[] bytes, string? name = null, CancellationToken cancellationToken = default) =>
        await AnnotateAsync(_decoder.Decode(bytes, name), cancellationToken);

    /// <summary>Reads (up to the byte limit), decodes and annotates an image stream.</summary>
    public async Task<LabelSet> AnnotateAsync(Stream stream, string? name = null, CancellationToken cancellationToken = default) =>
        await AnnotateAsync(await _decoder.DecodeAsync(stream, name, cancellationToken), cancellationToken);

    /// <summary>Reads, decodes and annotates an image file.</summary>
    public async Task<LabelSet> AnnotateFileAsync(string path, CancellationToken cancellationToken = default) =>
        await AnnotateAsync(await _decoder.DecodeFileAsync(path, cancellationToken), cancellationToken);

    /// <summary>Annotates an already decoded, upright RGB frame.</summary>
    public Task<LabelSet> AnnotateAsync(RgbFrame frame, CancellationToken cancellationToken = default) =>
        AnnotateAsync(frame, personTiles: true, cancellationToken);

    /// <summary>
    /// Annotates a frame, with or without the person tiles: a video's frames go without (four more
    /// CenterNet runs per sampled frame would multiply a clip's time, and its people count is a vote over frames).
    /// </summary>
    public async Task<LabelSet> AnnotateAsync(RgbFrame frame, bool personTiles, CancellationToken cancellationToken = default)
    {
        var models = await GetSessionsAsync(cancellationToken);
        var inputs = Prepare(frame, models);

        cancellationToken.ThrowIfCancellationRequested();
        var detections = models.CenterNet.Run(inputs[0].Values);
        var tiles = personTiles ? RunTiles(frame, models, cancellationToken) : [];
        cancellationToken.ThrowIfCancellationRequested();
        var faces = models.BlazeFace.Run(inputs[1].Values);
        cancellationToken.ThrowIfCancellationRequested();
        var text = models.Text.Run(inputs[2].Values, inputs[2].Shape);
        cancellationToken.ThrowIfCancellationRequested();
        var style = models.Nsfw.Run(inputs[3].Values);
        var labels = Decode([detections, faces, text, style], models, frame, tiles);
        return await ReadTextAsync(labels, frame, cancellationToken);
    }

    /// <summary>Reads the text in the detected text boxes (a second model, run only where there are boxes).</summary>
    internal async Task<LabelSet> ReadTextAsync(LabelSet labels, RgbFrame frame, CancellationToken cancellationToken)
    {
        if (labels.Text.Boxes.Count == 0)
            return labels;
        var recogniser = await _sessions.GetAsync(OverlayTextReader.Model, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var content = OverlayTextReader.Read(frame, labels.Text.Boxes, recogniser);
        return labels with
        {
            Text = labels.Text with { Content = content },
            Models = new Dictionary<string, string>(labels.Models, StringComparer.Ordinal) { [recogniser.Manifest.Name] = ModelInputs.Version(recogniser.Manifest) },
        };
    }

    /// <summary>CenterNet's outputs on each of the frame's person tiles (none for a small frame).</summary>
    internal IReadOnlyList<ModelOutputs> RunTiles(RgbFrame frame, AnnotationModels models, CancellationToken cancellationToken = default)
    {
        var outputs = new List<ModelOutputs>();
        foreach (var tile in _people.Tiles(frame))
        {
            cancellationToken.ThrowIfCancellationRequested();
            outputs.Add(models.CenterNet.Run(PeopleAndObjectsLabeler.PrepareTile(frame, tile, models.CenterNet.Manifest).Values));
        }

        return outputs;
    }

    /// <summary>The label set from the four models' outputs, in run order, and CenterNet's on the person tiles (timed alone by the benchmark).</summary>
    internal LabelSet Decode(IReadOnlyList<ModelOutputs> outputs, AnnotationModels models, RgbFrame frame, IReadOnlyList<ModelOutputs> tiles)
    {
        var faces = _faces.Label(outputs[1], models.BlazeFace.Manifest, frame);
        var (people, objects) = _people.Label(outputs[0], tiles, faces, models.CenterNet.Manifest, frame);
        var text = _text.Label(outputs[2], models.Text.Manifest, frame);
        var (style, embedding, normalized, features) = _style.Label(outputs[3], models.Nsfw.Manifest);
        return new LabelSet
        {
            Kind = MediaKind.Image,
            Width = frame.Width,
            Height = frame.Height,
            People = people,
            Faces = faces,
            Objects = objects,
            Text = text,
            Style = style,
            Stats = VisualStats.Compute(frame),
            Embedding = embedding,
            EmbeddingNormalized = normalized,
            FeatureMap = features,
            Models = models.Versions,
        };
    }

    /// <summary>The four models' input tensors for a frame, in run order (for the benchmark's bare-runtime baseline).</summary>
    internal IReadOnlyList<ModelInput> Prepare(RgbFrame frame, AnnotationModels models) =>
    [
        PeopleAndObjectsLabeler.Prepare(frame, models.CenterNet.Manifest),
        FaceLabeler.Prepare(frame, models.BlazeFace.Manifest),
        _text.Prepare(frame, models.Text.Manifest),
        StyleLabeler.Prepare(frame, models.Nsfw.Manifest),
    ];

    internal async Task<AnnotationModels> GetSessionsAsync(CancellationToken cancellationToken)
    {
        var centerNet = _sessions.GetAsync(PeopleAndObjectsLabeler.Model, cancellationToken);
        var blazeFace = _sessions.GetAsync(FaceLabeler.Model, cancellationToken);
        var text = _sessions.GetAsync(TextOverlayLabeler.Model, cancellationToken);
        var nsfw = _sessions.GetAsync(StyleLabeler.Model, cancellationToken);
        return new AnnotationModels(await centerNet, await blazeFace, await text, await nsfw);
    }
}

/// <summary>The sessions an annotation uses, and the version string of each model.</summary>
internal sealed record AnnotationModels(ModelSession CenterNet, ModelSession BlazeFace, ModelSession Text, ModelSession Nsfw)
{
    public IReadOnlyDictionary<string, string> Versions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CenterNet.Manifest.Name] = ModelInputs.Version(CenterNet.Manifest),
        [BlazeFace.Manifest.Name] = ModelInputs.Version(BlazeFace.Manifest),
        [Text.Manifest.Name] = ModelInputs.Version(Text.Manifest),
        [Nsfw.Manifest.Name] = ModelInputs.Version(Nsfw.Manifest),
    };
}
