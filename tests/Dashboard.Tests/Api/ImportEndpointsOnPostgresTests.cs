namespace Insights.Dashboard.Tests.Api;

/// <summary>The same tests on PostgreSQL (the provider matrix).</summary>
[Trait("Provider", "Postgres")]
public sealed class ImportEndpointsOnPostgresTests(PostgresApiFixture app) : ImportEndpointsTests(app), IClassFixture<PostgresApiFixture>;
