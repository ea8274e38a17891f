using Insights.Analytics.Storage;

namespace Insights.Analytics.Tests.Ingestion;

/// <summary>The same tests on PostgreSQL (the provider matrix).</summary>
[Trait("Provider", "Postgres")]
public sealed class PostImporterOnPostgresTests : PostImporterTests
{
    protected override string Provider => StorageOptions.Postgres;
}
