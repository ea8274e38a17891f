using Insights.Analytics.Annotations;
using Insights.Analytics.Domain;
using Insights.Analytics.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Insights.Analytics.Storage;

/// <summary>
/// The product's database. Created through <c>IDbContextFactory</c>, one context per operation.
/// To add a migration: <c>dotnet tool restore &amp;&amp; dotnet ef migrations add NAME --project src/Analytics --startup-project src/Analytics</c>
/// (the design-time factory below points at a throw-away SQLite file).
/// </summary>
public class InsightsDbContext(DbContextOptions<InsightsDbContext> options) : DbContext(options)
{
    public DbSet<Profile> Profiles => Set<Profile>();

    public DbSet<Post> Posts => Set<Post>();

    public DbSet<FollowerSnapshot> FollowerSnapshots => Set<FollowerSnapshot>();

    public DbSet<MediaAsset> MediaAssets => Set<MediaAsset>();

    public DbSet<PostMedia> PostMedia => Set<PostMedia>();

    public DbSet<ManualLabel> ManualLabels => Set<ManualLabel>();

    public DbSet<ImportRecord> Imports => Set<ImportRecord>();

    public DbSet<BackgroundJob> Jobs => Set<BackgroundJob>();

    public DbSet<MediaAnnotation> Annotations => Set<MediaAnnotation>();

    public DbSet<Draft> Drafts => Set<Draft>();
    public DbSet<ReportSchedule> ReportSchedules => Set<ReportSchedule>();

    public DbSet<CustomLabel> CustomLabels => Set<CustomLabel>();

    /// <summary>Bumps the profile's data version, so caches keyed on it (popularity, engagement) recompute.</summary>
    public Task<int> MarkProfileChangedAsync(int profileId, CancellationToken cancellationToken) =>
        Profiles.Where(p => p.Id == profileId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.DataVersion, p => p.DataVersion + 1), cancellationToken);

    /// <summary>Bumps the profile's custom labels version, so figures that use custom labels recompute.</summary>
    public Task<int> MarkCustomLabelsChangedAsync(int profileId, CancellationToken cancellationToken) =>
        Profiles.Where(p => p.Id == profileId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CustomLabelsVersion, p => p.CustomLabelsVersion + 1), cancellationToken);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is stored in UTC; say so when reading it back.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InsightsDbContext).Assembly);
    }
}

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value,
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
