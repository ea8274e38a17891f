using Insights.Inference.Models;
using Insights.Inference.Imaging;
using Insights.Inference.Runtime;
using Insights.Inference.Video;
using Insights.Inference.Vision;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Inference.Extensions;

/// <summary>DI registration for the model store, decoders and labelers.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the model store, the ONNX Runtime sessions, the start-up model preparation, the image and
    /// video decoders and the annotators (<see cref="MediaAnnotator"/>, <see cref="ImageAnnotator"/>,
    /// <see cref="VideoAnnotator"/>), and binds <see cref="InferenceOptions"/> from the "Inference"
    /// section and <see cref="LabelOptions"/> from the "Labels" section.
    /// </summary>
    public static IServiceCollection AddInference(this IServiceCollection services, Action<InferenceOptions>? configure = null, Action<LabelOptions>? configureLabels = null)
    {
        var labels = services.AddOptions<LabelOptions>()
            .BindConfiguration(LabelOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configureLabels is not null)
            labels.Configure(configureLabels);
        var builder = services.AddOptions<InferenceOptions>()
            .BindConfiguration(InferenceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
            builder.Configure(configure);
        services.AddSingleton<ModelStore>();
        services.AddSingleton<ModelSessions>();
        services.AddHostedService<ModelPreparationService>();
        services.AddSingleton<ImageDecoder>();
        services.AddSingleton<FfmpegTools>();
        services.AddSingleton<VideoFrameReader>();
        services.AddSingleton<ImageAnnotator>();
        services.AddSingleton<VideoAnnotator>();
        services.AddSingleton<MediaAnnotator>();
        services.AddSingleton<ThumbnailRenderer>();
        return services;
    }
}
