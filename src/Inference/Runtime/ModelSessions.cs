using System.Collections.Concurrent;
using Insights.Inference.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Insights.Inference.Runtime;

/// <summary>
/// One cached ONNX Runtime session per model (sessions are thread-safe and expensive to create).
/// Execution provider and intra-op threads come from <see cref="InferenceOptions"/>.
/// </summary>
public sealed class ModelSessions(ModelStore store, IOptions<InferenceOptions> options, ILogger<ModelSessions> logger) : IDisposable
{
    private readonly InferenceOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Lazy<Task<ModelSession>>> _sessions = new();
    private int _cudaFallbackLogged;

    /// <summary>The session of a model, created (and the model fetched and converted) on first use.</summary>
    public Task<ModelSession> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        // creation is shared by concurrent callers, so it does not observe any one caller's token
        var lazy = _sessions.GetOrAdd(name, n => new Lazy<Task<ModelSession>>(() => CreateAsync(n)));
        return lazy.Value.WaitAsync(cancellationToken);
    }

    private async Task<ModelSession> CreateAsync(string name)
    {
        try
        {
            var file = await ChooseAsync(name);
            var sessionOptions = CreateSessionOptions();
            return new ModelSession(file.Manifest, new InferenceSession(file.Path, sessionOptions), sessionOptions);
        }
        catch
        {
            // a failed creation (model unavailable) is not cached: a later call tries again
            _sessions.TryRemove(name, out _);
            throw;
        }
    }

    // Inference:Precision decides; every process reads the same gate verdict from the int8 manifest.
    private async Task<ModelFile> ChooseAsync(string name)
    {
        if (_options.Precision == ModelPrecision.Float || ModelCatalog.Get(name).Conversion is null)
        {
            logger.LogInformation("Model {Model}: serving float ({Why})", name,
                _options.Precision == ModelPrecision.Float ? "Inference:Precision is Float" : "shipped as ONNX, no int8 form");
            return await store.EnsureAsync(name);
        }

        ModelFile int8;
        try
        {
            int8 = await store.EnsureInt8Async(name);
        }
        catch (ModelUnavailableException e)
        {
            logger.LogWarning("Model {Model}: serving float (no int8 form: {Reason})", name, e.Message);
            return await store.EnsureAsync(name);
        }

        var gate = int8.Manifest.Quantisation!.Gate;
        if (gate.Passed || _options.Precision == ModelPrecision.Int8)
        {
            logger.LogInformation("Model {Model}: serving int8 ({Why}; gate {Verdict}: {Reason})", name,
                _options.Precision == ModelPrecision.Int8 ? "Inference:Precision is Int8" : "Auto", gate.Passed ? "passed" : "failed", gate.Reason);
            return int8;
        }

        logger.LogInformation("Model {Model}: serving float (int8 gate failed: {Reason})", name, gate.Reason);
        return await store.EnsureAsync(name);
    }

    private SessionOptions CreateSessionOptions()
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = _options.IntraOpThreads,
        };
        if (_options.ExecutionProvider == ExecutionProvider.Cuda)
        {
            try
            {
                sessionOptions.AppendExecutionProvider_CUDA(0);
                logger.LogInformation("ONNX Runtime: using the CUDA execution provider");
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                if (Interlocked.Exchange(ref _cudaFallbackLogged, 1) == 0)
                    logger.LogWarning("ONNX Runtime: CUDA execution provider requested but its native libraries are not present ({Reason}); running on CPU", e.Message);
            }
        }

        return sessionOptions;
    }

    public void Dispose()
    {
        foreach (var lazy in _sessions.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
                lazy.Value.Result.Dispose();
        }

        _sessions.Clear();
    }
}
