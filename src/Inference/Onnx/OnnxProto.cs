using System.Runtime.InteropServices;
using Google.Protobuf;

namespace Insights.Inference.Onnx;

// Hand-written writers for the subset of onnx.proto (ONNX IR) the converter emits. Field numbers
// are those of onnx/onnx.proto; only writing is needed because ONNX Runtime does the reading, so
// no protoc step and no generated code: the build needs nothing but the .NET SDK.

/// <summary>ONNX TensorProto.DataType values used here.</summary>
internal enum OnnxDataType
{
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
}

internal abstract class OnnxMessage
{
    public abstract void WriteTo(CodedOutputStream output);

    public byte[] ToByteArray()
    {
        using var stream = new MemoryStream();
        using (var output = new CodedOutputStream(stream, leaveOpen: true))
        {
            WriteTo(output);
        }

        return stream.ToArray();
    }

    protected static void WriteMessage(CodedOutputStream output, int field, OnnxMessage message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message.ToByteArray()));
    }

    protected static void WriteString(CodedOutputStream output, int field, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return;
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    protected static void WriteInt64(CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }

    protected static void WritePackedInt64(CodedOutputStream output, int field, IReadOnlyList<long> values)
    {
        if (values.Count == 0)
            return;
        var size = values.Sum(CodedOutputStream.ComputeInt64Size);
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteLength(size);
        foreach (var value in values)
            output.WriteInt64(value);
    }
}

/// <summary>ModelProto: ir_version = 1, producer_name = 2, producer_version = 3, graph = 7, opset_import = 8, metadata_props = 14.</summary>
internal sealed class OnnxModel : OnnxMessage
{
    public long IrVersion { get; init; } = 8;
    public string ProducerName { get; init; } = "Insights.Inference";
    public string ProducerVersion { get; init; } = "1";
    public long OpsetVersion { get; init; } = 13;
    public required OnnxGraph Graph { get; init; }
    public Dictionary<string, string> Metadata { get; } = [];

    public override void WriteTo(CodedOutputStream output)
    {
        WriteInt64(output, 1, IrVersion);
        WriteString(output, 2, ProducerName);
        WriteString(output, 3, ProducerVersion);
        WriteMessage(output, 7, Graph);
        WriteMessage(output, 8, new OnnxOpset(string.Empty, OpsetVersion));
        foreach (var (key, value) in Metadata)
            WriteMessage(output, 14, new OnnxStringPair(key, value));
    }
}

/// <summary>OperatorSetIdProto: domain = 1, version = 2.</summary>
internal sealed class OnnxOpset(string domain, long version) : OnnxMessage
{
    public override void WriteTo(CodedOutputStream output)
    {
        WriteString(output, 1, domain);
        WriteInt64(output, 2, version);
    }
}

/// <summary>StringStringEntryProto: key = 1, value = 2.</summary>
internal sealed class OnnxStringPair(string key, string value) : OnnxMessage
{
    public override void WriteTo(CodedOutputStream output)
    {
        WriteString(output, 1, key);
        WriteString(output, 2, value);
    }
}

/// <summary>GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12.</summary>
internal sealed class OnnxGraph : OnnxMessage
{
    public string Name { get; init; } = "graph";
    public List<OnnxNode> Nodes { get; } = [];
    public List<OnnxTensor> Initializers { get; } = [];
    public List<OnnxValueInfo> Inputs { get; } = [];
    public List<OnnxValueInfo> Outputs { get; } = [];

    public override void WriteTo(CodedOutputStream output)
    {
        foreach (var node in Nodes)
            WriteMessage(output, 1, node);
        WriteString(output, 2, Name);
        foreach (var tensor in Initializers)
            WriteMessage(output, 5, tensor);
        foreach (var input in Inputs)
            WriteMessage(output, 11, input);
        foreach (var value in Outputs)
            WriteMessage(output, 12, value);
    }
}

/// <summary>NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5.</summary>
internal sealed class OnnxNode : OnnxMessage
{
    public required string OpType { get; init; }
    public required string Name { get; init; }
    public List<string> Inputs { get; init; } = [];
    public List<string> Outputs { get; init; } = [];
    public List<OnnxAttribute> Attributes { get; } = [];

    public override void WriteTo(CodedOutputStream output)
    {
        foreach (var input in Inputs)
        {
            // an empty name marks an omitted optional input and must still be written
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteString(input);
        }

        foreach (var value in Outputs)
            WriteString(output, 2, value);
        WriteString(output, 3, Name);
        WriteString(output, 4, OpType);
        foreach (var attribute in Attributes)
            WriteMessage(output, 5, attribute);
    }
}

/// <summary>AttributeProto: name = 1, f = 2, i = 3, s = 4, floats = 7, ints = 8, type = 20.</summary>
internal sealed class OnnxAttribute : OnnxMessage
{
    // AttributeProto.AttributeType
    private const int FloatType = 1;
    private const int IntType = 2;
    private const int StringType = 3;
    private const int IntsType = 7;

    private OnnxAttribute(string name, int type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }
    public int Type { get; }
    public float FloatValue { get; private init; }
    public long IntValue { get; private init; }
    public string? StringValue { get; private init; }
    public IReadOnlyList<long> IntsValue { get; private init; } = [];

    public static OnnxAttribute Float(string name, float value) => new(name, FloatType) { FloatValue = value };

    public static OnnxAttribute Int(string name, long value) => new(name, IntType) { IntValue = value };

    public static OnnxAttribute String(string name, string value) => new(name, StringType) { StringValue = value };

    public static OnnxAttribute Ints(string name, params long[] values) => new(name, IntsType) { IntsValue = values };

    public override void WriteTo(CodedOutputStream output)
    {
        WriteString(output, 1, Name);
        switch (Type)
        {
            case FloatType:
                output.WriteTag(2, WireFormat.WireType.Fixed32);
                output.WriteFloat(FloatValue);
                break;
            case IntType:
                WriteInt64(output, 3, IntValue);
                break;
            case StringType:
                output.WriteTag(4, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFromUtf8(StringValue ?? string.Empty));
                break;
            case IntsType:
                WritePackedInt64(output, 8, IntsValue);
                break;
        }

        output.WriteTag(20, WireFormat.WireType.Varint);
        output.WriteInt32(Type);
    }
}

/// <summary>TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian).</summary>
internal sealed class OnnxTensor : OnnxMessage
{
    public required string Name { get; init; }
    public required long[] Dims { get; init; }
    public required OnnxDataType DataType { get; init; }
    public required byte[] RawData { get; init; }

    public static OnnxTensor FromFloats(string name, long[] dims, float[] values) =>
        new() { Name = name, Dims = dims, DataType = OnnxDataType.Float, RawData = MemoryMarshal.AsBytes(values.AsSpan()).ToArray() };

    public static OnnxTensor FromInt32s(string name, long[] dims, int[] values) =>
        new() { Name = name, Dims = dims, DataType = OnnxDataType.Int32, RawData = MemoryMarshal.AsBytes(values.AsSpan()).ToArray() };

    public static OnnxTensor FromInt8s(string name, long[] dims, sbyte[] values) =>
        new() { Name = name, Dims = dims, DataType = OnnxDataType.Int8, RawData = MemoryMarshal.AsBytes(values.AsSpan()).ToArray() };

    public static OnnxTensor FromUInt8s(string name, long[] dims, byte[] values) =>
        new() { Name = name, Dims = dims, DataType = OnnxDataType.UInt8, RawData = (byte[])values.Clone() };

    public static OnnxTensor FromInt64s(string name, long[] dims, long[] values) =>
        new() { Name = name, Dims = dims, DataType = OnnxDataType.Int64, RawData = MemoryMarshal.AsBytes(values.AsSpan()).ToArray() };

    public override void WriteTo(CodedOutputStream output)
    {
        WritePackedInt64(output, 1, Dims);
        output.WriteTag(2, WireFormat.WireType.Varint);
        output.WriteInt32((int)DataType);
        WriteString(output, 8, Name);
        output.WriteTag(9, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(RawData));
    }
}

/// <summary>ValueInfoProto (name = 1, type = 2) with TypeProto.tensor_type = 1 (elem_type = 1, shape = 2); a null shape leaves the rank unknown.</summary>
internal sealed class OnnxValueInfo(string name, OnnxDataType type, IReadOnlyList<long?>? shape) : OnnxMessage
{
    public string Name => name;

    public override void WriteTo(CodedOutputStream output)
    {
        WriteString(output, 1, name);
        WriteMessage(output, 2, new TypeProto(type, shape));
    }

    private sealed class TypeProto(OnnxDataType type, IReadOnlyList<long?>? shape) : OnnxMessage
    {
        public override void WriteTo(CodedOutputStream output) => WriteMessage(output, 1, new TensorTypeProto(type, shape));
    }

    private sealed class TensorTypeProto(OnnxDataType type, IReadOnlyList<long?>? shape) : OnnxMessage
    {
        public override void WriteTo(CodedOutputStream output)
        {
            output.WriteTag(1, WireFormat.WireType.Varint);
            output.WriteInt32((int)type);
            if (shape is not null)
                WriteMessage(output, 2, new ShapeProto(shape));
        }
    }

    // TensorShapeProto: dim = 1; Dimension: dim_value = 1, dim_param = 2 (null = unknown size)
    private sealed class ShapeProto(IReadOnlyList<long?> shape) : OnnxMessage
    {
        public override void WriteTo(CodedOutputStream output)
        {
            for (var i = 0; i < shape.Count; i++)
                WriteMessage(output, 1, new DimensionProto(shape[i], $"d{i}"));
        }
    }

    private sealed class DimensionProto(long? value, string param) : OnnxMessage
    {
        public override void WriteTo(CodedOutputStream output)
        {
            if (value is { } v)
                WriteInt64(output, 1, v);
            else
                WriteString(output, 2, param);
        }
    }
}
