using Insights.Analytics.Storage;
using Insights.Dashboard.Accounts.Storage.Postgres;
using Microsoft.EntityFrameworkCore;

namespace Insights.Dashboard.Accounts.Storage;

/// <summary>Makes accounts contexts of the type that owns the configured provider's migrations.</summary>
public sealed class AccountsContextFactory(DbContextOptions<AccountsDbContext> options, DatabaseProvider provider) : IDbContextFactory<AccountsDbContext>
{
    public AccountsDbContext CreateDbContext() =>
        provider.Name == StorageOptions.Postgres ? new PostgresAccountsDbContext(options) : new AccountsDbContext(options);
}
