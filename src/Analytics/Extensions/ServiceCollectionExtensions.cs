using Insights.Analytics.Classification;
using Insights.Analytics.Engagement;
using Insights.Analytics.Annotations;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Jobs;
using Insights.Analytics.Popularity;
using Insights.Analytics.Profiles;
using Insights.Analytics.Reports;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;
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
        services.AddOptions<ClassifierOptions>().BindConfiguration(ClassifierOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddDbContextFactory<InsightsDbContext>((provider, builder) =>
        {
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            builder.UseSqlite(ConnectionString(storage, baseDirectory));
        });
        services.AddSingleton<IFileStore>(provider =>
            new LocalFileStore(DataDirectory(provider.GetRequiredService<IOptions<StorageOptions>>().Value, baseDirectory)));
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<PopularityService>();
        services.AddSingleton<EngagementService>();
        services.AddSingleton<ProfileCatalog>();
        services.AddSingleton<PostCatalog>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<AnnotationStore>();
        services.AddSingleton<CustomLabels.CustomLabelStore>();
        services.AddSingleton<Drafts.DraftStore>();
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => new ReportThumbnails(provider.GetRequiredService<IFileStore>(), provider.GetService<IVideoStillSource>()));
        services.AddSingleton<ReportBuilder>();
        return services;
    }

    public static string DataDirectory(StorageOptions storage, string baseDirectory) =>
        Path.GetFullPath(Path.Combine(baseDirectory, storage.DataDirectory));

    /// <summary>The configured connection string, or the SQLite file in the data directory; the accounts tables share it.</summary>
    public static string ConnectionString(StorageOptions storage, string baseDirectory) =>
        string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? $"Data Source={Path.Combine(DataDirectory(storage, baseDirectory), "insights.db")};Pooling=True"
            : storage.ConnectionString;

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
