using Insights.Analytics.CustomLabels;
using Insights.Analytics.Domain;
using Insights.Inference.Vision;

namespace Insights.Dashboard.Labels;

/// <summary>A request for a custom label that cannot be met; <see cref="Field"/> names the form field at fault.</summary>
public sealed class CustomLabelException(string message, string field) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>A custom label as shown to users: its definition, its fit on the examples and how many posts have it.</summary>
public sealed record CustomLabelView(string Name, string Category, double Threshold, int Examples, int CounterExamples,
    double ExampleRecall, double? CounterRejection, int PostsWithIt, int PostsWithEmbedding, DateTime CreatedUtc, string CreatedBy);

/// <summary>
/// Custom labels from examples: each example image or video is labelled by the real models for its embedding, the
/// label is fitted (<see cref="CustomLabelFitter"/>) and stored, and from then on appears as <c>custom_{name}</c>
/// wherever labels do (Labels page, drivers model, reports, the labels API), because <see cref="PostLabelSource"/>
/// applies it to every post's embedding.
/// </summary>
public sealed class CustomLabelService(MediaAnnotator annotator, Prediction.PredictionQueue queue, CustomLabelStore store, PostLabelSource labels)
{
    /// <summary>Most example (and most counter-example) files in one request.</summary>
    public const int MaxFiles = 20;

    public async Task<IReadOnlyList<CustomLabelView>> ListAsync(int profileId, CancellationToken cancellationToken = default)
    {
        var defined = await store.ListAsync(profileId, cancellationToken);
        if (defined.Count == 0)
            return [];
        var automatic = await labels.AutomaticLabelsAsync(profileId, cancellationToken);
        return [.. defined.Select(l => View(l, automatic))];
    }

    /// <summary>
    /// Labels the files, fits and saves the label. Throws <see cref="CustomLabelException"/> for a bad name, a name in
    /// use or too few files, and <see cref="Inference.Imaging.MediaRejectedException"/> (naming the file) for a file the
    /// models cannot read.
    /// </summary>
    public async Task<CustomLabelView> CreateAsync(int profileId, string name, IReadOnlyList<(string FileName, Stream Content)> examples,
        IReadOnlyList<(string FileName, Stream Content)> counterExamples, string createdBy, CancellationToken cancellationToken = default)
    {
        if (CustomLabelStore.NameProblem(name) is { } problem)
            throw new CustomLabelException(problem, "name");
        if (examples.Count < 2)
            throw new CustomLabelException($"A custom label needs at least two example images; got {examples.Count}.", "example");
        if (examples.Count > MaxFiles || counterExamples.Count > MaxFiles)
            throw new CustomLabelException($"At most {MaxFiles} examples and {MaxFiles} counter-examples per label.", examples.Count > MaxFiles ? "example" : "counter");
        if ((await store.ListAsync(profileId, cancellationToken)).Any(l => l.Name == name))
            throw new CustomLabelException($"This profile already has a custom label '{name}'; delete it first to define it again.", "name");

        var positive = await EmbedAsync(examples, cancellationToken);
        var negative = await EmbedAsync(counterExamples, cancellationToken);
        var fit = CustomLabelFitter.Fit(positive, negative);
        if (!await store.AddAsync(profileId, name, fit, positive.Count, negative.Count, createdBy, cancellationToken))
            throw new CustomLabelException($"This profile already has a custom label '{name}'.", "name");
        return (await ListAsync(profileId, cancellationToken)).Single(l => l.Name == name);
    }

    public Task<bool> DeleteAsync(int profileId, string name, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(profileId, name, cancellationToken);

    private async Task<List<float[]>> EmbedAsync(IReadOnlyList<(string FileName, Stream Content)> files, CancellationToken cancellationToken)
    {
        var embeddings = new List<float[]>(files.Count);
        foreach (var (fileName, content) in files)
        {
            // Each example is decoded and labelled in the bounded queue shared with predictions and /api/annotate.
            var annotation = await queue.RunAsync(ct => annotator.AnnotateAsync(content, fileName, ct), cancellationToken);
            embeddings.Add(annotation.Labels.EmbeddingNormalized);
        }
        return embeddings;
    }

    private static CustomLabelView View(CustomLabel label, IReadOnlyDictionary<long, Analytics.Engagement.AutomaticLabels> automatic)
    {
        var category = "custom_" + label.Name;
        var with = automatic.Values.Count(a => a.Categories.TryGetValue(category, out var v) && v == "1");
        var embedded = automatic.Values.Count(a => a.Categories.ContainsKey(category));
        return new CustomLabelView(label.Name, category, label.Threshold, label.Examples, label.CounterExamples, label.ExampleRecall,
            label.CounterRejection, with, embedded, label.CreatedUtc, label.CreatedBy);
    }
}
