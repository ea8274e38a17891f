using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Insights.Dashboard.Accounts.Storage;

/// <summary>
/// Users, roles, profile grants, API keys and the audit log, in the same database as the analytics
/// tables but with its own migrations and history table, so the two never collide.
/// </summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    /// <summary>The migrations history table of this context (the analytics one keeps the default name).</summary>
    public const string HistoryTable = "__EFMigrationsHistory_Accounts";

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<ProfileGrant> ProfileGrants => Set<ProfileGrant>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

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
