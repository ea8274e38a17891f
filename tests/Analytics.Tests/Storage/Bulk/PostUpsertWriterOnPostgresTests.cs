using Insights.Analytics.Storage;

namespace Insights.Analytics.Tests.Storage.Bulk;

/// <summary>The same tests on PostgreSQL (the provider matrix).</summary>
[Trait("Provider", "Postgres")]
public sealed class PostUpsertWriterOnPostgresTests : PostUpsertWriterTests
{
    protected override string Provider => StorageOptions.Postgres;
}
