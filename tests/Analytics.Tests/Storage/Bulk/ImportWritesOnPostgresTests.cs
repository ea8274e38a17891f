using Insights.Analytics.Storage;

namespace Insights.Analytics.Tests.Storage.Bulk;

/// <summary>The same tests on PostgreSQL (the provider matrix), where the writes go through binary COPY.</summary>
[Trait("Provider", "Postgres")]
public sealed class ImportWritesOnPostgresTests : ImportWritesTests
{
    protected override string Provider => StorageOptions.Postgres;
}
