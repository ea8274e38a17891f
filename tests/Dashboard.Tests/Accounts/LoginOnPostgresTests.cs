namespace Insights.Dashboard.Tests.Accounts;

/// <summary>The same tests on PostgreSQL (the provider matrix).</summary>
[Trait("Provider", "Postgres")]
public sealed class LoginOnPostgresTests(PostgresApiFixture app) : LoginTests(app), IClassFixture<PostgresApiFixture>;
