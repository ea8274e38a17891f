using Insights.Analytics.Caching;
using Microsoft.Extensions.Caching.Memory;
using Insights.Analytics.Classification;
using Insights.Analytics.Engagement;
using Insights.Analytics.Annotations;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Jobs;
using Insights.Analytics.Popularity;
using Insights.Analytics.Profiles;
using Insights.Analytics.Reports;
using Insights.Analytics.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Insights.Analytics.Extensions;

/// <summary>DI registration for storage, ingestion and popularity analytics.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Adds the analytics services and binds the "Storage", "Import", "Popularity" and "Engagement" sections.</summary>
    /// <param name="services">The container.</param>
    /// <param name="baseDirectory">Relative data paths are resolved against this folder.</param>
    public static IServiceCollection AddAnalytics(this IServiceCollection services, string baseDirectory)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateDataAnnotations()
            .Validate(o => TryTimeZone(o.TimeZone), "Import:TimeZone is not a known time zone id").ValidateOnStart();
        services.AddOptions<PopularityOptions>().BindConfiguration(PopularityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EngagementOptions>().BindConfiguration(EngagementOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Timing.TimingOptions>().BindConfiguration(Timing.TimingOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.TimeZone.Length == 0 || TryTimeZone(o.TimeZone), "Timing:TimeZone is not a known time zone id").ValidateOnStart();
        services.AddOptions<Recommendations.RecommendationOptions>().BindConfiguration(Recommendations.RecommendationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Hashtags.HashtagOptions>().BindConfiguration(Hashtags.HashtagOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ClassifierOptions>().BindConfiguration(ClassifierOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Taxonomy.TaxonomyOptions>().BindConfiguration(Taxonomy.TaxonomyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        // One byte budget for every in-memory cache: entries must say their size (MemoryCache refuses those that do not).
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddMemoryCache();
        services.AddOptions<MemoryCacheOptions>().Configure<IOptions<CacheOptions>>((memory, budget) =>
        {
            memory.SizeLimit = budget.Value.BudgetBytes;
            memory.TrackStatistics = true;
        });
        services.AddSingleton<StampedCache>();
        services.AddSingleton(provider => DatabaseProvider.Create(
            provider.GetRequiredService<IOptions<StorageOptions>>().Value, provider.GetRequiredService<IConfiguration>(), baseDirectory));
        services.AddDbContextFactory<InsightsDbContext, InsightsContextFactory>((provider, builder) =>
            provider.GetRequiredService<DatabaseProvider>().Configure(builder));
        services.AddSingleton<IFileStore>(provider =>
            new LocalFileStore(DataDirectory(provider.GetRequiredService<IOptions<StorageOptions>>().Value, baseDirectory)));
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<StorageRetention>();
        services.AddSingleton<PopularityService>();
        services.AddSingleton<Profiles.ProfileZoneResolver>();
        services.AddSingleton<EngagementService>();
        services.AddSingleton<Timing.BestTimesService>();
        services.AddSingleton<Hashtags.HashtagService>();
        services.AddSingleton<ProfileCatalog>();
        services.AddSingleton<ProfileEditor>();
        services.AddSingleton<PostCatalog>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<AnnotationStore>();
        services.AddSingleton<OverlayTextSearch>();
        services.AddSingleton<CustomLabels.CustomLabelStore>();
        services.AddSingleton<Taxonomy.TaxonomyStore>();
        services.AddSingleton<Drafts.DraftStore>();
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => new ReportThumbnails(provider.GetRequiredService<IFileStore>(), provider.GetService<IVideoStillSource>()));
        services.AddSingleton<ReportBuilder>();
        return services;
    }

    public static string DataDirectory(StorageOptions storage, string baseDirectory) =>
        Path.GetFullPath(Path.Combine(baseDirectory, storage.DataDirectory));

    private static bool TryTimeZone(string id)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
    }
}
