namespace Insights.Inference.Models;

/// <summary>Whether a model can be used now, and if not, what is missing and how to get it.</summary>
public sealed record ModelStatus(string Name, ModelState State, string Message);

public enum ModelState
{
    /// <summary>Converted, verified and cached.</summary>
    Ready,

    /// <summary>Not fetched or converted yet; the first use (or start-up preparation) does it.</summary>
    NotPrepared,

    /// <summary>Cannot be fetched or converted here; the message says what is missing.</summary>
    Unavailable,

    /// <summary>The cached file does not match its manifest's sha256 and is not loaded.</summary>
    Refused,
}

/// <summary>Thrown when a feature needs a model that is not available; the message says what is missing and how to get it.</summary>
public class ModelUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Thrown when a cached model's sha256 does not match its manifest.</summary>
public sealed class ModelRefusedException(string message) : ModelUnavailableException(message);

/// <summary>A verified ONNX file and its manifest.</summary>
public sealed record ModelFile(string Path, ModelManifest Manifest);
