using Insights.Analytics.Annotations;
using Insights.Analytics.Domain;
using Insights.Analytics.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Storage;

/// <summary>
/// The product's database. Created through <c>IDbContextFactory</c>, one context per operation.
/// Each provider has its own migrations: SQLite's in <c>Storage/Migrations</c> (for this type), PostgreSQL's in
/// <c>Storage/Postgres/Migrations</c> (for <see cref="Postgres.PostgresInsightsDbContext"/>, the same model). Add a migration to both:
/// <c>dotnet tool restore &amp;&amp; dotnet ef migrations add NAME --project src/Analytics --startup-project src/Analytics --context InsightsDbContext</c>
/// and the same with <c>--context PostgresInsightsDbContext --output-dir Storage/Postgres/Migrations</c>
/// (the design-time factories point at a throw-away SQLite file and an unopened PostgreSQL connection string).
/// </summary>
public class InsightsDbContext : DbContext
{
    public InsightsDbContext(DbContextOptions<InsightsDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the per-provider subclasses, which exist only to own their migrations.</summary>
    protected InsightsDbContext(DbContextOptions options)
        : base(options)
    {
    }

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

    public DbSet<TaxonomyModel> TaxonomyModels => Set<TaxonomyModel>();

    public DbSet<LabelSuggestion> LabelSuggestions => Set<LabelSuggestion>();

    public DbSet<RejectedSuggestion> RejectedSuggestions => Set<RejectedSuggestion>();

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
