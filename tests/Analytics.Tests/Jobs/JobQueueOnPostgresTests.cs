using Insights.Analytics.Storage;

namespace Insights.Analytics.Tests.Jobs;

/// <summary>The same tests on PostgreSQL (the provider matrix).</summary>
[Trait("Provider", "Postgres")]
public sealed class JobQueueOnPostgresTests : JobQueueTests
{
    protected override string Provider => StorageOptions.Postgres;
}
