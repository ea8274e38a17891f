using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Insights.Analytics.Storage;

/// <summary>
/// Every timestamp is stored in UTC and read back as UTC. A value of unspecified kind is taken as UTC
/// (PostgreSQL's <c>timestamptz</c> refuses to guess, SQLite stores the text as it is).
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
