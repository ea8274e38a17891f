using Insights.Analytics.Annotations;
using Insights.Analytics.Jobs;
using Insights.Dashboard.Configuration;
using Insights.Inference.Vision;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Jobs;

/// <summary>Queues one annotation job when media lack labels of the current version and none is queued or running.</summary>
public sealed class AnnotationScheduler(JobQueue queue, AnnotationStore annotations, MediaAnnotator annotator, IOptions<AnnotationOptions> options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task EnsureQueuedAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
            return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var recent = await queue.RecentAsync(null, AnnotateJobHandler.JobKind, 1, cancellationToken);
            if (recent is [{ Status: JobStatus.Queued or JobStatus.Running }])
                return;
            var pending = await annotations.PendingCountAsync(annotator.Version, cancellationToken);
            if (pending > 0)
                await queue.EnqueueAsync(AnnotateJobHandler.JobKind, $"Label {pending:N0} media file(s)", null, "{}", cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
