using Insights.Inference.Models;
using Microsoft.ML.OnnxRuntime;

namespace Insights.Inference.Runtime;

/// <summary>A loaded model: run it on a float tensor laid out as <see cref="ModelManifest.Input"/> says. Thread-safe.</summary>
public sealed class ModelSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly string[] _outputNames;
    private readonly long[][]? _outputShapes;

    internal ModelSession(ModelManifest manifest, InferenceSession session, SessionOptions sessionOptions)
    {
        Manifest = manifest;
        _session = session;
        _sessionOptions = sessionOptions;
        _outputNames = [.. manifest.Outputs.Select(o => o.Name)];
        // the manifest records output shapes measured by a run; usable only when every one is fixed
        _outputShapes = manifest.Input.Shape.All(d => d > 0) && manifest.Outputs.All(o => o.Shape.All(d => d > 0))
            ? [.. manifest.Outputs.Select(o => o.Shape.ToArray())]
            : null;
    }

    public ModelManifest Manifest { get; }

    /// <summary>
    /// Runs the model on one input tensor. <paramref name="shape"/> is needed only for inputs with
    /// sizes fixed at run time (the text detector); fixed-size inputs use the manifest's shape.
    /// </summary>
    public ModelOutputs Run(float[] input, long[]? shape = null)
    {
        var inputShape = shape ?? [.. Manifest.Input.Shape];
        if (inputShape.Any(d => d <= 0))
            throw new ArgumentException($"model '{Manifest.Name}' has a variable-size input; pass its shape", nameof(shape));
        var expected = inputShape.Aggregate(1L, (a, b) => a * b);
        if (input.Length != expected)
            throw new ArgumentException($"model '{Manifest.Name}' expects {expected} values for shape [{string.Join(',', inputShape)}], got {input.Length}", nameof(input));

        using var value = OrtValue.CreateTensorValueFromMemory(input, inputShape);
        using var runOptions = new RunOptions();
        var tensors = new Dictionary<string, ModelTensor>(StringComparer.Ordinal);
        if (shape is null && _outputShapes is { } outputShapes)
        {
            // fixed shapes: ONNX Runtime writes each output straight into the array the caller gets, no copy
            var outputs = new OrtValue[_outputNames.Length];
            try
            {
                for (var i = 0; i < outputs.Length; i++)
                {
                    var values = new float[outputShapes[i].Aggregate(1L, (a, b) => a * b)];
                    tensors[_outputNames[i]] = new ModelTensor(_outputNames[i], [.. outputShapes[i].Select(d => (int)d)], values);
                    outputs[i] = OrtValue.CreateTensorValueFromMemory(values, outputShapes[i]);
                }

                _session.Run(runOptions, [Manifest.Input.Name], [value], _outputNames, outputs);
            }
            finally
            {
                foreach (var output in outputs)
                    output?.Dispose();
            }

            return new ModelOutputs(tensors);
        }

        using var results = _session.Run(runOptions, [Manifest.Input.Name], [value], _outputNames);
        for (var i = 0; i < _outputNames.Length; i++)
        {
            tensors[_outputNames[i]] = new ModelTensor(_outputNames[i], [.. results[i].GetTensorTypeAndShape().Shape.Select(d => (int)d)],
                results[i].GetTensorDataAsSpan<float>().ToArray());
        }

        return new ModelOutputs(tensors);
    }

    /// <summary>
    /// Runs the model on a variable-size input held in a (pooled) buffer and hands the first output to
    /// <paramref name="read"/> in place, so neither the input nor a large output is copied into a new array.
    /// </summary>
    public T Run<T>(Memory<float> input, long[] shape, OutputReader<T> read)
    {
        var expected = shape.Aggregate(1L, (a, b) => a * b);
        if (input.Length != expected)
            throw new ArgumentException($"model '{Manifest.Name}' expects {expected} values for shape [{string.Join(',', shape)}], got {input.Length}", nameof(input));
        using var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, shape);
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, [Manifest.Input.Name], [value], [_outputNames[0]]);
        var outputShape = results[0].GetTensorTypeAndShape().Shape.Select(d => (int)d).ToArray();
        return read(results[0].GetTensorDataAsSpan<float>(), outputShape);
    }

    public void Dispose()
    {
        _session.Dispose();
        _sessionOptions.Dispose();
    }
}

/// <summary>A model output: name, shape and values (row-major).</summary>
public sealed record ModelTensor(string Name, int[] Shape, float[] Values);

/// <summary>The outputs of one run, by output name.</summary>
public sealed class ModelOutputs(IReadOnlyDictionary<string, ModelTensor> tensors)
{
    public ModelTensor this[string name] => tensors.TryGetValue(name, out var tensor)
        ? tensor
        : throw new KeyNotFoundException($"no output '{name}'; outputs: {string.Join(", ", tensors.Keys)}");

    public IEnumerable<string> Names => tensors.Keys;
}
