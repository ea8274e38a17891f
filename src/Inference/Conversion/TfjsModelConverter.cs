using System.Text.Json.Nodes;
using Insights.Inference.Conversion.Graph;
using Insights.Inference.Conversion.Layers;
using Insights.Inference.Models;
using Insights.Inference.Onnx;

namespace Insights.Inference.Conversion;

/// <summary>Reads a TF.js model from its npm package folder and returns the converted ONNX model bytes.</summary>
internal static class TfjsModelConverter
{
    public static byte[] Convert(ModelDefinition definition, string packageDirectory) => ConvertModel(definition, packageDirectory).ToByteArray();

    /// <summary>The converted graph, before serialisation (the int8 pass rewrites it).</summary>
    public static OnnxModel ConvertModel(ModelDefinition definition, string packageDirectory)
    {
        var spec = definition.Conversion ?? throw new InvalidOperationException($"model '{definition.Name}' needs no conversion");
        var files = definition.SourceFiles.Select(f => Path.Combine(packageDirectory, f)).ToList();
        var metadata = new Dictionary<string, string>
        {
            ["source"] = $"{definition.Package}@{definition.Version}",
            ["converter"] = $"Insights.Inference {ModelCatalog.ConverterVersion}",
        };
        OnnxModel model;
        switch (definition.SourceFormat)
        {
            case "tfjs-layers":
            {
                // nsfwjs ships model JSON and weights inside UMD bundles: an object literal and a base64 string
                var model0 = JsLiteral.ParseObjectContaining(File.ReadAllText(files[0]), "modelTopology");
                var weightData = files.Skip(1).SelectMany(f => System.Convert.FromBase64String(JsLiteral.ParseExportedString(File.ReadAllText(f)))).ToArray();
                var weights = TfjsWeights.Decode(SpecsOf(model0), weightData);
                model = LayersModelConverter.Convert(model0["modelTopology"]!.AsObject(), weights, spec, metadata);
                break;
            }

            case "tfjs-graph":
            {
                var model0 = JsonNode.Parse(File.ReadAllText(files[0]))!.AsObject();
                var weightData = files.Skip(1).SelectMany(File.ReadAllBytes).ToArray();
                var weights = TfjsWeights.Decode(SpecsOf(model0), weightData);
                model = GraphModelConverter.Convert(model0["modelTopology"]!.AsObject(), weights, spec, metadata);
                break;
            }

            default:
                throw new NotSupportedException($"model '{definition.Name}': source format {definition.SourceFormat} cannot be converted");
        }

        return model;
    }

    private static JsonArray SpecsOf(JsonObject model) =>
        new([.. model["weightsManifest"]!.AsArray().SelectMany(group => group!["weights"]!.AsArray()).Select(w => w!.DeepClone())]);
}
