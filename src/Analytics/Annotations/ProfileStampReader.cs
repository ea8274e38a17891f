using System.Data;
using Insights.Analytics.Domain;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Insights.Analytics.Annotations;

/// <summary>
/// Reads a profile's <see cref="LabelStamp"/> with one plain statement on a pooled connection. Every cache and trained
/// model asks for the stamp before it is used, so the read must cost far less than what it guards; a context and its
/// query pipeline cost many times the primary-key read itself. Table and column names come from the EF model, so the
/// statement follows the mapping on every provider.
/// </summary>
internal sealed class ProfileStampReader(IDbContextFactory<InsightsDbContext> contextFactory, DatabaseProvider database)
{
    private string? statement;

    public async Task<LabelStamp> ReadAsync(int profileId, CancellationToken cancellationToken)
    {
        statement ??= await BuildStatementAsync(cancellationToken);
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = statement;
        var id = command.CreateParameter();
        id.ParameterName = "@id";
        id.Value = profileId;
        command.Parameters.Add(id);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return LabelStamp.Missing;
        return new LabelStamp(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    private async Task<string> BuildStatementAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var profile = context.Model.FindEntityType(typeof(Profile)) ?? throw new InvalidOperationException("Profile is not mapped.");
        var table = StoreObjectIdentifier.Table(profile.GetTableName()!, profile.GetSchema());
        string Column(string property) => Quote(profile.FindProperty(property)!.GetColumnName(table)!);
        var name = (profile.GetSchema() is { } schema ? Quote(schema) + "." : "") + Quote(table.Name);
        return $"SELECT {Column(nameof(Profile.DataVersion))}, {Column(nameof(Profile.LabelsVersion))}, {Column(nameof(Profile.CustomLabelsVersion))}, "
            + $"{Column(nameof(Profile.TimeZone))} FROM {name} WHERE {Column(nameof(Profile.Id))} = @id";
    }

    // Double quotes are standard SQL; SQLite and PostgreSQL both keep the mapped case inside them.
    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
