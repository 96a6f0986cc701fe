using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Media;

/// <summary>
/// Counts direct-link views and bytes in memory; <see cref="ViewFlusher"/> writes them in batches,
/// so a hit never costs a database write. Reads add the counts not yet written.
/// </summary>
public sealed class ViewCounter
{
    private readonly ConcurrentDictionary<string, (long Views, long Bytes)> pending = new(StringComparer.Ordinal);

    public void Count(string imageId, long views, long bytes) =>
        pending.AddOrUpdate(imageId, (views, bytes), (_, tally) => (tally.Views + views, tally.Bytes + bytes));

    public (long Views, long Bytes) Pending(string imageId) =>
        pending.TryGetValue(imageId, out var tally) ? tally : default;

    /// <summary>Writes every tally, then makes every process read the new totals.</summary>
    public async Task FlushAsync(PicshelfDb db, ImageDirectory directory, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        try
        {
            foreach (var imageId in pending.Keys)
            {
                if (await WriteAsync(db, imageId, cancellationToken))
                {
                    written.Add(imageId);
                }
            }
        }
        finally
        {
            directory.Forget(written);
        }
    }

    private async Task<bool> WriteAsync(PicshelfDb db, string imageId, CancellationToken cancellationToken)
    {
        // TryRemove hands over the final tally atomically; a hit arriving after it starts a new one.
        if (!pending.TryRemove(imageId, out var tally))
        {
            return false;
        }
        try
        {
            await db.Images.Where(i => i.Id == imageId).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Views, i => i.Views + tally.Views)
                .SetProperty(i => i.Bandwidth, i => i.Bandwidth + tally.Bytes), cancellationToken);
            return true;
        }
        catch
        {
            Count(imageId, tally.Views, tally.Bytes);
            throw;
        }
    }
}

public sealed class ViewFlusher(ViewCounter counter, ImageDirectory directory, IServiceScopeFactory scopes,
    IOptions<MediaOptions> options, TimeProvider time, ILogger<ViewFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ViewFlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(CancellationToken.None);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await counter.FlushAsync(scope.ServiceProvider.GetRequiredService<PicshelfDb>(), directory, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning(failure, "Writing view counts failed; they are kept and retried");
        }
    }
}
