using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Storage;

/// <summary>Makes contexts of the provider's own type, so each provider finds its own migrations.</summary>
public sealed class InsightsContextFactory(DbContextOptions<InsightsDbContext> options, DatabaseProvider provider) : IDbContextFactory<InsightsDbContext>
{
    public InsightsDbContext CreateDbContext() => provider.CreateContext(options);
}
