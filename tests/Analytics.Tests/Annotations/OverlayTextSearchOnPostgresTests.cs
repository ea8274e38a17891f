using Insights.Analytics.Storage;

namespace Insights.Analytics.Tests.Annotations;

/// <summary>The same on PostgreSQL: lower() and the substring match must translate there too.</summary>
[Trait("Provider", "Postgres")]
public sealed class OverlayTextSearchOnPostgresTests : OverlayTextSearchTests
{
    protected override string Provider => StorageOptions.Postgres;
}
