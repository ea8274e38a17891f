using Insights.Analytics.Storage;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Insights.Dashboard.Accounts.Storage;

/// <summary>
/// Users, roles, profile grants, API keys and the audit log, in the same database as the analytics
/// tables but with its own migrations and history table, so the two never collide. Also the Data
/// Protection key ring, so every instance on the database signs and reads the same cookies and tokens.
/// SQLite's migrations are in Accounts/Migrations (for this type), PostgreSQL's in Accounts/Storage/Postgres/Migrations
/// (for <see cref="Postgres.PostgresAccountsDbContext"/>): <c>dotnet ef migrations add NAME --project src/Dashboard
/// --startup-project src/Dashboard --context AccountsDbContext --output-dir Accounts/Migrations</c>, then the same with
/// <c>--context PostgresAccountsDbContext --output-dir Accounts/Storage/Postgres/Migrations</c>.
/// </summary>
public class AccountsDbContext : IdentityDbContext<IdentityUser>, IDataProtectionKeyContext
{
    /// <summary>The migrations history table of this context (the analytics one keeps the default name).</summary>
    public const string HistoryTable = "__EFMigrationsHistory_Accounts";

    public AccountsDbContext(DbContextOptions<AccountsDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the PostgreSQL subclass, which exists only to own its migrations.</summary>
    protected AccountsDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<ProfileGrant> ProfileGrants => Set<ProfileGrant>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AccountsDbContext).Assembly, t => t.Namespace == typeof(AccountsDbContext).Namespace);
    }
}

/// <summary>Used only by <c>dotnet ef</c> to build the accounts migrations.</summary>
internal sealed class AccountsDesignTimeFactory : IDesignTimeDbContextFactory<AccountsDbContext>
{
    public AccountsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AccountsDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsHistoryTable(AccountsDbContext.HistoryTable))
            .Options);
}
