using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using SQLitePCL;

namespace Insights.Analytics.Storage.Sqlite;

/// <summary>
/// Binds values to a prepared statement by calling SQLite's own library directly. SQLitePCL's binds go through an
/// interface and a safe handle each: at 19 values a row they took longer than stepping the statements (import trace,
/// 1,000,000 posts: 1.9 s binding against 0.6 s stepping; the staging loop alone 1.9 s -> 1.4 s with these). These
/// calls are a few instructions of SQLite's (it copies the value), so they skip the runtime's GC transition. The
/// statement stays owned by its <see cref="sqlite3_stmt"/>.
/// </summary>
internal static class SqliteBindings
{
    // The library SQLitePCLRaw's bundle ships and loads; the same loaded copy serves these calls.
    private const string Library = "e_sqlite3";

    // SQLite copies the value before the call returns, so a buffer on the stack may be passed.
    private static readonly nint Transient = -1;

    private const int StackTextBytes = 1_024;

    // Where an empty text points: a null pointer would bind NULL instead of ''.
    private static readonly byte[] NoBytes = new byte[1];

    public static void Int64(nint statement, int index, long value) => Check(sqlite3_bind_int64(statement, index, value));

    /// <summary>Sets every parameter of the statement to NULL, so that a row's missing values need no call each.</summary>
    public static void ClearAll(nint statement) => Check(sqlite3_clear_bindings(statement));

    /// <summary>Binds a value when there is one; a parameter left as it is must have been cleared (<see cref="ClearAll"/>).</summary>
    public static void Int64IfAny(nint statement, int index, long? value)
    {
        if (value is { } number)
            Check(sqlite3_bind_int64(statement, index, number));
    }

    /// <inheritdoc cref="Int64IfAny"/>
    public static void DoubleIfAny(nint statement, int index, double? value)
    {
        if (value is { } number)
            Check(sqlite3_bind_double(statement, index, number));
    }

    /// <summary>Binds UTF-8 text (SQLite's own encoding, so it is stored as given).</summary>
    public static void Utf8(nint statement, int index, ReadOnlySpan<byte> value) =>
        Check(sqlite3_bind_text(statement, index, ref value.IsEmpty ? ref NoBytes[0] : ref MemoryMarshal.GetReference(value), value.Length, Transient));

    /// <inheritdoc cref="Int64IfAny"/>
    public static void TextIfAny(nint statement, int index, string? value)
    {
        if (value is null)
            return;
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most <= StackTextBytes)
        {
            Span<byte> buffer = stackalloc byte[StackTextBytes];
            Utf8(statement, index, buffer[..Encoding.UTF8.GetBytes(value, buffer)]);
            return;
        }
        var rented = ArrayPool<byte>.Shared.Rent(most);
        try
        {
            Utf8(statement, index, rented.AsSpan(0, Encoding.UTF8.GetBytes(value, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // Binding fails only for an index out of range or a value over SQLite's limits: a bug or a hostile value, never ignored.
    private static void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            throw new InvalidOperationException($"SQLite refused a value of the import's statement: {raw.sqlite3_errstr(rc).utf8_to_string()} ({rc})");
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; these signatures are blittable (the ref is pinned and passed as a pointer), so DllImport adds no conversions
    [DllImport(Library), SuppressGCTransition]
    private static extern int sqlite3_bind_int64(nint statement, int index, long value);

    [DllImport(Library), SuppressGCTransition]
    private static extern int sqlite3_bind_double(nint statement, int index, double value);

    [DllImport(Library), SuppressGCTransition]
    private static extern int sqlite3_clear_bindings(nint statement);

    [DllImport(Library), SuppressGCTransition]
    private static extern int sqlite3_bind_text(nint statement, int index, ref byte value, int bytes, nint destructor);
#pragma warning restore SYSLIB1054
}
