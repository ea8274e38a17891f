using Insights.Analytics.Storage;

namespace Insights.Analytics.Tests.Storage.Bulk;

/// <summary>The same tests on PostgreSQL (the provider matrix), where the provider's writer is the COPY writer.</summary>
[Trait("Provider", "Postgres")]
public sealed class PostWriterOnPostgresTests : PostWriterTests
{
    protected override string Provider => StorageOptions.Postgres;
}
