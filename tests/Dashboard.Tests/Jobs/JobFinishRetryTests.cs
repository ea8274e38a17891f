using Insights.Analytics.Jobs;
using Insights.Dashboard.Jobs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Dashboard.Tests.Jobs;

/// <summary>
/// A job whose work is done while the database is busy for longer than a write waits: recording its end is tried
/// again, so the job ends as succeeded with its result, once, instead of failing on the write or running a second
/// time when its lease passes.
/// </summary>
public sealed class JobFinishRetryTests : IAsyncLifetime
{
    private readonly string _dataDirectory = InsightsApiFixture.NewTempDirectory();
    private readonly LockingHandler _handler = new();
    private InsightsApiFixture? _app;
    private WebApplicationFactory<Program>? _withHandler;

    public Task InitializeAsync()
    {
        // Every write waits at most 1 s for the lock (Microsoft.Data.Sqlite's command timeout) instead of 30 s.
        _handler.DatabasePath = Path.Combine(_dataDirectory, "insights.db");
        _app = InsightsApiFixture.Create(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={_handler.DatabasePath};Pooling=True;Default Timeout=1",
        }, _dataDirectory);
        _withHandler = _app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IJobHandler>(_handler)));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AJobFinishedWhileTheDatabaseIsBusy_IsRecordedAsSucceeded_Once()
    {
        var queue = _withHandler!.Services.GetRequiredService<JobQueue>();

        var id = await queue.EnqueueAsync(LockingHandler.JobKind, "Hold the database past the end of the work", null, "{}");
        var finished = await queue.FinishedAsync(id);

        Assert.Equal(JobStatus.Succeeded, finished.Status);
        Assert.Equal("{\"held\":true}", finished.ResultJson);
        Assert.Equal(1, finished.Attempts);
        Assert.Equal(1, _handler.Runs);
        Assert.True(_handler.LockReleased, "the write lock was still held when the job was recorded as finished");
    }

    public async Task DisposeAsync()
    {
        if (_withHandler is not null)
            await _withHandler.DisposeAsync();
        if (_app is not null)
            await _app.DisposeAsync();
        InsightsApiFixture.DeleteDirectory(_dataDirectory);
    }

    /// <summary>Ends its work holding the database's write lock on another connection for 5 s, as a long import elsewhere would.</summary>
    private sealed class LockingHandler : IJobHandler
    {
        public const string JobKind = "test-hold-lock";
        private int _runs;

        public string DatabasePath { get; set; } = "";

        public int Runs => Volatile.Read(ref _runs);

        public bool LockReleased { get; private set; }

        public string Kind => JobKind;

        public async Task<string?> RunAsync(BackgroundJob job, IJobProgress progress, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            var blocker = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
            await blocker.OpenAsync(cancellationToken);
            await using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                begin.CommandTimeout = 60;
                await begin.ExecuteNonQueryAsync(cancellationToken);
            }
            _ = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                await using var rollback = blocker.CreateCommand();
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
                LockReleased = true;
                await blocker.DisposeAsync();
            }, CancellationToken.None);
            return "{\"held\":true}";
        }
    }
}
