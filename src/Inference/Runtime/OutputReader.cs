namespace Insights.Inference.Runtime;

/// <summary>Reads a model's output (row-major values and shape) while ONNX Runtime still owns it.</summary>
public delegate T OutputReader<T>(ReadOnlySpan<float> values, int[] shape);
