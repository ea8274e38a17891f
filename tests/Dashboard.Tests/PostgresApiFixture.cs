using Insights.Analytics.Storage;

namespace Insights.Dashboard.Tests;

/// <summary>The whole app over real HTTP on a fresh PostgreSQL database (the provider matrix of the API tests).</summary>
public sealed class PostgresApiFixture() : InsightsApiFixture(StorageOptions.Postgres);
