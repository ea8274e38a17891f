namespace Insights.Dashboard.Jobs;

/// <summary>What a labelling job labels: up to <paramref name="Batch"/> of its profile's unlabelled media files, oldest first.</summary>
public sealed record AnnotateJobPayload(int Batch);
