using Insights.Inference.Extensions;
using Insights.Inference.Models;
using Insights.Inference.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Insights.Inference.Tests.Extensions;

[Collection("models")]
public sealed class ServiceCollectionExtensionsTests
{
    [Fact]
    public void AddInference_BindsTheInferenceSection()
    {
        using var provider = Build(new() { ["Inference:IntraOpThreads"] = "1", ["Inference:ExecutionProvider"] = "Cuda", ["Inference:PrepareOnStart"] = "false" });

        var options = provider.GetRequiredService<IOptions<InferenceOptions>>().Value;

        Assert.Equal(1, options.IntraOpThreads);
        Assert.Equal(ExecutionProvider.Cuda, options.ExecutionProvider);
        Assert.False(options.PrepareOnStart);
        Assert.Equal("data/models", options.ModelsDirectory);
    }

    [Fact]
    public void AddInference_BindsTheLabelsSection_AndRegistersTheAnnotators()
    {
        using var provider = Build(new() { ["Labels:PersonThreshold"] = "0.5", ["Labels:VideoMaxFrames"] = "6" });

        var options = provider.GetRequiredService<IOptions<LabelOptions>>().Value;

        Assert.Equal(0.5f, options.PersonThreshold);
        Assert.Equal(6, options.VideoMaxFrames);
        Assert.Equal(0.25, options.VideoPresenceFraction);
        Assert.NotNull(provider.GetRequiredService<Insights.Inference.Vision.MediaAnnotator>());
    }

    [Fact]
    public void AddInference_RejectsInvalidLabelOptions_AtStart()
    {
        using var provider = Build(new() { ["Labels:PersonThreshold"] = "1.5" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void AddInference_RejectsInvalidOptions_AtStart()
    {
        using var provider = Build(new() { ["Inference:IntraOpThreads"] = "-1" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public async Task Cuda_FallsBackToCpu_WhenItsLibrariesAreMissing()
    {
        using var provider = Build(new() { ["Inference:ExecutionProvider"] = "Cuda", ["Inference:IntraOpThreads"] = "1" });
        var sessions = provider.GetRequiredService<ModelSessions>();

        // the CPU package has no CUDA provider: the session still loads and runs
        var session = await sessions.GetAsync(ModelNames.BlazeFace);
        var outputs = session.Run(new float[256 * 256 * 3]);

        Assert.Equal([1, 512, 1], outputs["scores16"].Shape);
        Assert.Same(session, await sessions.GetAsync(ModelNames.BlazeFace));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddInference();
        return services.BuildServiceProvider();
    }
}
