using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Insights.Analytics.Storage.Postgres;

/// <summary>
/// The same model as <see cref="InsightsDbContext"/>; a type of its own only so that EF Core keeps
/// PostgreSQL's migrations (Storage/Postgres/Migrations) apart from SQLite's.
/// </summary>
public sealed class PostgresInsightsDbContext(DbContextOptions options) : InsightsDbContext(options);

/// <summary>Used only by <c>dotnet ef</c>: an unopened connection string, enough to build migrations.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresInsightsDbContext>
{
    public PostgresInsightsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresInsightsDbContext>().UseNpgsql("Host=localhost;Database=insights_design").Options);
}
