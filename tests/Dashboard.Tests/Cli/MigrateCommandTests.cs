using Insights.Analytics.Storage.Postgres;
using Insights.Analytics.Tests;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Accounts.Storage;
using Insights.Dashboard.Accounts.Storage.Postgres;
using Insights.Dashboard.Cli;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Insights.Dashboard.Tests.Cli;

/// <summary>
/// `migrate`: the deployment step that applies both contexts' migrations and exits, so that instances
/// started with Storage:MigrateOnStart=false (PostgreSQL's default) never race each other.
/// </summary>
[Trait("Provider", "Postgres")]
public sealed class MigrateCommandTests : IAsyncLifetime
{
    private readonly string _dataDirectory = InsightsApiFixture.NewTempDirectory();
    private PostgresCluster _cluster = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.GetAsync();
        _database = await _cluster.CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DropDatabaseAsync(_database);
        InsightsApiFixture.DeleteDirectory(_dataDirectory);
    }

    private string[] Arguments(params string[] command) =>
    [
        .. command, "--Storage:Provider=Postgres", "--ConnectionStrings:Insights=" + _database, "--Storage:DataDirectory=" + _dataDirectory,
        "--Insights:Admin:Email=" + InsightsApiFixture.AdminEmail, "--Insights:Admin:Password=" + InsightsApiFixture.Password,
    ];

    [Fact]
    public async Task TwoMigrateRunsAtOnce_BothExitZero_AndLeaveOneSchemaWithEachMigrationOnceAndOneFirstAdmin()
    {
        using var first = new StringWriter();
        using var second = new StringWriter();

        var exitCodes = await Task.WhenAll(CommandLine.RunAsync(Arguments("migrate"), first), CommandLine.RunAsync(Arguments("migrate"), second));

        Assert.Equal([0, 0], exitCodes);
        Assert.Equal("Database migrated (Postgres).", first.ToString().Trim());
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var analytics = new PostgresInsightsDbContext(new DbContextOptionsBuilder<PostgresInsightsDbContext>().UseNpgsql(_database).Options);
        var expected = analytics.Database.GetMigrations().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await ColumnAsync(connection, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY 1"));
        await using var accounts = new PostgresAccountsDbContext(new DbContextOptionsBuilder<PostgresAccountsDbContext>().UseNpgsql(_database).Options);
        Assert.Equal(accounts.Database.GetMigrations().ToList(),
            await ColumnAsync(connection, $"SELECT \"MigrationId\" FROM \"{AccountsDbContext.HistoryTable}\" ORDER BY 1"));
        Assert.Equal([InsightsApiFixture.AdminEmail], await ColumnAsync(connection, "SELECT \"Email\" FROM \"AspNetUsers\""));
        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), await ColumnAsync(connection, "SELECT \"Name\" FROM \"AspNetRoles\" ORDER BY \"Name\" COLLATE \"C\""));
        // The first Data Protection key is made here, not by whichever instance starts first.
        Assert.NotEmpty(await ColumnAsync(connection, "SELECT \"FriendlyName\" FROM \"DataProtectionKeys\""));
        // The posts table exists once, in the public schema.
        Assert.Equal(["public"], await ColumnAsync(connection, "SELECT table_schema FROM information_schema.tables WHERE table_name = 'posts'"));
    }

    [Fact]
    public async Task ACommandOnAnUnmigratedDatabase_WithoutMigrateOnStart_RefusesAndNamesTheMigrateStep()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            CommandLine.RunAsync(Arguments("apikey", "create", "--user", InsightsApiFixture.AdminEmail), TextWriter.Null));

        Assert.Contains("Storage:MigrateOnStart is off", error.Message, StringComparison.Ordinal);
        Assert.Contains("-- migrate", error.Message, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        Assert.Empty(await ColumnAsync(connection, "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    private static async Task<List<string>> ColumnAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            values.Add(reader.GetString(0));
        return values;
    }
}
