using Insights.Analytics.Extensions;
using Insights.Dashboard.Caching;
using Insights.Dashboard.Classification;
using Insights.Dashboard.Api;
using Insights.Dashboard.Configuration;
using Insights.Dashboard.Drivers;
using Insights.Dashboard.Hosting;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Prediction;
using Insights.Dashboard.Reports;
using Insights.Dashboard.Taxonomy;
using Insights.Inference.Extensions;
using MudBlazor.Services;

namespace Insights.Dashboard.Extensions;

/// <summary>Composition root: configuration, the two libraries, jobs, UI and API.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Everything the app needs: core services plus Blazor, MudBlazor, the API and, unless it runs as <c>--role web</c>,
    /// the job workers and the freshness sweep.
    /// </summary>
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        var role = builder.Configuration.Role();
        if (role == DashboardRole.Web)
            builder.Configuration["Inference:PrepareOnStart"] = "false"; // the models run where the jobs run
        builder.AddDashboardCore();
        builder.AddSecurityHeaders();
        builder.Services.AddHostedService<StartupInitializer>();
        if (role != DashboardRole.Worker)
        {
            builder.Services.AddRazorComponents().AddInteractiveServerComponents();
            builder.Services.AddMudServices();
            builder.Services.AddHttpContextAccessor();
            builder.Services.AddProblemDetails();
            builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals);
            builder.Services.AddAccountsWeb();
            builder.Services.AddInsightsOpenApi();
        }
        if (role != DashboardRole.Web)
        {
            builder.Services.AddHostedService(provider => provider.GetRequiredService<JobRunner>());
            builder.Services.AddHostedService<FreshnessSweep>();
            builder.Services.AddHostedService<RetentionSweep>();
            builder.Services.AddHostedService(provider => provider.GetRequiredService<ReportScheduler>());
        }
        if (role != DashboardRole.Worker)
        {
            builder.Services.AddHostedService<JobProgressPoller>();
            builder.Services.AddSingleton<PageCacheWarmer>();
            builder.Services.AddHostedService(provider => provider.GetRequiredService<PageCacheWarmer>());
            builder.Services.AddHostedService<ChartSerializationWarmup>();
        }
        builder.Services.AddHostedService<JobNotificationListener>();
        // Static assets of packages (MudBlazor, Plotly) resolve from the build output in any environment.
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    /// <summary>The process's role from <c>--role all|web|worker</c> (or the "role" setting); all when not given.</summary>
    public static DashboardRole Role(this IConfiguration configuration) =>
        configuration["role"] switch
        {
            null or "" => DashboardRole.All,
            var text when Enum.TryParse<DashboardRole>(text, ignoreCase: true, out var role) && Enum.IsDefined(role) && !char.IsDigit(text[0]) => role,
            var text => throw new InvalidOperationException($"--role '{text}' is not a role: use all (the default), web or worker."),
        };

    /// <summary>Configuration and services shared by the web app and the command line.</summary>
    public static IHostApplicationBuilder AddDashboardCore(this IHostApplicationBuilder builder)
    {
        var baseDirectory = AppPaths.FindBaseDirectory(builder.Environment.ContentRootPath);
        AddBaseSettings(builder.Configuration, baseDirectory, builder.Environment.EnvironmentName);

        builder.Services.AddSingleton(new DashboardPaths(baseDirectory));
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddAnalytics(baseDirectory);
        builder.Services.AddInference();
        builder.Services.AddAccountsCore(baseDirectory);
        builder.Services.AddSingleton<JobProgressHub>();
        builder.Services.AddSingleton<IJobHandler, ImportJobHandler>();
        builder.Services.AddSingleton<IJobHandler, DemoImportJobHandler>();
        builder.Services.AddSingleton<IJobHandler, AnnotateJobHandler>();
        builder.Services.AddOptions<AnnotationOptions>().BindConfiguration(AnnotationOptions.Section);
        builder.Services.AddSingleton<FreshnessService>();
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddSingleton<PostLabelSource>();
        builder.Services.AddSingleton<LabellingCoverage>();
        builder.Services.AddSingleton<Compare.CompareService>();
        builder.Services.AddSingleton<Recommendations.RecommendationService>();
        builder.Services.AddSingleton<LabelRangeViews>();
        builder.Services.AddSingleton(typeof(DerivedViews<,,>));
        builder.Services.AddSingleton<LegacyLabelConverter>();
        builder.Services.AddSingleton<CustomLabelService>();
        builder.Services.AddSingleton<Media.ThumbnailService>();
        builder.Services.AddSingleton<LibrarySource>();
        builder.Services.AddSingleton<ClassifierStore>();
        builder.Services.AddSingleton<IJobHandler, ClassifierJobHandler>();
        builder.Services.AddOptions<PredictionOptions>().BindConfiguration(PredictionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PredictionQueue>();
        builder.Services.AddSingleton<PredictionService>();
        builder.Services.AddOptions<DriversOptions>().BindConfiguration(DriversOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DriversStore>();
        builder.Services.AddSingleton<Profiles.ProfileManagement>();
        builder.Services.AddSingleton<DriversScheduler>();
        builder.Services.AddSingleton<IJobHandler, DriversJobHandler>();
        builder.Services.AddSingleton<TaxonomyScheduler>();
        builder.Services.AddSingleton<IJobHandler, TaxonomyJobHandler>();
        builder.Services.AddSingleton<Insights.Analytics.Reports.IVideoStillSource, VideoStills>();
        builder.Services.AddSingleton<ReportService>();
        builder.Services.AddSingleton<ReportSchedules>();
        builder.Services.AddSingleton<ReportScheduler>();
        builder.Services.AddSingleton<IJobHandler, ReportJobHandler>();
        return builder;
    }

    // The installation's appsettings.json sits at the top of the checkout, not in src/Dashboard;
    // it is added first so environment variables and the command line still override it.
    private static void AddBaseSettings(IConfigurationManager configuration, string baseDirectory, string environment)
    {
        var sources = configuration.Sources;
        sources.Insert(0, JsonSource(Path.Combine(baseDirectory, $"appsettings.{environment}.json")));
        sources.Insert(0, JsonSource(Path.Combine(baseDirectory, "appsettings.json")));
    }

    private static Microsoft.Extensions.Configuration.Json.JsonConfigurationSource JsonSource(string path)
    {
        var source = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = Path.GetFileName(path),
            Optional = true,
            ReloadOnChange = false,
        };
        source.FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(path)!);
        return source;
    }
}
