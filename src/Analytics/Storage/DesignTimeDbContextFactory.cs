using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Insights.Analytics.Storage;

/// <summary>Used only by <c>dotnet ef</c> to build migrations.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<InsightsDbContext>
{
    public InsightsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<InsightsDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .Options;
        return new InsightsDbContext(options);
    }
}
