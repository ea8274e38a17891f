using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Insights.Dashboard.Accounts.Storage.Postgres;

/// <summary>The accounts model on PostgreSQL: a type of its own only so that its migrations stay apart from SQLite's.</summary>
public sealed class PostgresAccountsDbContext(DbContextOptions options) : AccountsDbContext(options);

/// <summary>Used only by <c>dotnet ef</c>: an unopened connection string, enough to build migrations.</summary>
internal sealed class PostgresAccountsDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAccountsDbContext>
{
    public PostgresAccountsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAccountsDbContext>()
            .UseNpgsql("Host=localhost;Database=insights_design", o => o.MigrationsHistoryTable(AccountsDbContext.HistoryTable))
            .Options);
}
