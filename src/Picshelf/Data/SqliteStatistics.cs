using Microsoft.EntityFrameworkCore;

namespace Picshelf.Data;

/// <summary>
/// SQLite plans queries from the statistics ANALYZE writes; without them it guesses, and at a million gallery posts
/// a wrong guess (scanning by rank to find a day's posts) costs a hundred times the right plan. The statistics are
/// sampled (<c>analysis_limit</c>, a fifth of a second at a million rows) at start and every hour, so they follow the
/// data as it grows. ANALYZE holds the write lock while it reads, which on a cold disk can take longer than a writer
/// waits (30 s): the first one runs once the server has started, so the start's own writes never queue behind it.
/// </summary>
public sealed class SqliteStatistics(IServiceScopeFactory scopes, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<SqliteStatistics> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PicshelfDb>();
                await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; ANALYZE;", stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // Stale statistics make some pages slower, never wrong: try again at the next hour.
                logger.LogWarning(failure, "Could not refresh SQLite's query statistics");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
