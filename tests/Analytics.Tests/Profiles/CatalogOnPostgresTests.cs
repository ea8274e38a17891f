using Insights.Analytics.Storage;

namespace Insights.Analytics.Tests.Profiles;

/// <summary>The same tests on PostgreSQL (the provider matrix).</summary>
[Trait("Provider", "Postgres")]
public sealed class CatalogOnPostgresTests : CatalogTests
{
    protected override string Provider => StorageOptions.Postgres;
}
