using Insights.Analytics.Storage;

namespace Insights.Analytics.Tests.Annotations;

/// <summary>The same tests on PostgreSQL (the provider matrix): the stamp's plain statement must follow that mapping too.</summary>
[Trait("Provider", "Postgres")]
public sealed class LabelStampOnPostgresTests : LabelStampTests
{
    protected override string Provider => StorageOptions.Postgres;
}
