using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Picshelf.Data;

namespace Picshelf.Images;

/// <summary>
/// Counts direct-link views and bytes in memory; <see cref="ViewFlusher"/> writes them in batches,
/// so a hit never costs a database write. Reads add the counts not yet written, including those a flush
/// is writing at the moment. Known gap: a read whose row was read before a flush wrote, and which asks for the pending
/// counts after that flush ended, misses the flush's counts; <see cref="Flushes"/> lets a reader see that and read again.
/// The opposite gap stays: a row read from the database after a flush wrote it, with the pending counts asked before the
/// flush ended, counts that flush's views twice on that one answer.
/// </summary>
public sealed class ViewCounter
{
    private readonly ConcurrentDictionary<string, (long Views, long Bytes)> pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Views, long Bytes)> inFlight = new(StringComparer.Ordinal);
    private long flushes;

    public void Count(string imageId, long views, long bytes) => Add(pending, imageId, views, bytes);

    /// <summary>
    /// How many flushes have ended. A reader that took this before reading a row, and finds it unchanged after adding
    /// <see cref="Pending"/>, did not fall in the known gap; one that finds it moved reads the row again.
    /// </summary>
    public long Flushes => Interlocked.Read(ref flushes);

    public (long Views, long Bytes) Pending(string imageId)
    {
        var counted = pending.TryGetValue(imageId, out var tally) ? tally : default;
        var flushing = inFlight.TryGetValue(imageId, out var taken) ? taken : default;
        return (counted.Views + flushing.Views, counted.Bytes + flushing.Bytes);
    }

    /// <summary>
    /// Adds every tally to its image, one update each, and makes every process read the new totals of those written
    /// (one announcement per flush). What could not be written is counted here again, for the next flush; a hit
    /// arriving meanwhile starts a new tally. Updates add, so any number of processes can flush at once.
    /// </summary>
    public async Task FlushAsync(IServiceScopeFactory scopes, ImageDirectory directory, CancellationToken cancellationToken)
    {
        var taken = TakeAll();
        var written = new List<string>(taken.Count);
        try
        {
            if (taken.Count == 0)
            {
                return;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PicshelfDb>();
            foreach (var (imageId, views, bytes) in taken)
            {
                await db.Images.Where(image => image.Id == imageId).ExecuteUpdateAsync(s => s
                    .SetProperty(image => image.Views, image => image.Views + views)
                    .SetProperty(image => image.Bandwidth, image => image.Bandwidth + bytes), cancellationToken);
                written.Add(imageId);
            }
        }
        catch
        {
            foreach (var unwritten in taken.Skip(written.Count))
            {
                Count(unwritten.ImageId, unwritten.Views, unwritten.Bytes);
            }
            throw;
        }
        finally
        {
            // The cached rows go first, so that a reader who sees the count move and reads again gets the written row;
            // the count moves before the tallies leave the reads' sum, so that a reader who missed them sees it move.
            directory.ForgetCounts(written);
            Interlocked.Increment(ref flushes);
            inFlight.Clear();
        }
    }

    /// <summary>Hands over every tally, still counted by reads until the flush ends.</summary>
    private List<ViewTally> TakeAll()
    {
        var taken = new List<ViewTally>(pending.Count);
        foreach (var imageId in pending.Keys)
        {
            if (pending.TryRemove(imageId, out var tally))
            {
                Add(inFlight, imageId, tally.Views, tally.Bytes);
                taken.Add(new ViewTally(imageId, tally.Views, tally.Bytes));
            }
        }
        return taken;
    }

    /// <summary>One image's views and bytes served, counted since they were last written.</summary>
    private readonly record struct ViewTally(string ImageId, long Views, long Bytes);

    private static void Add(ConcurrentDictionary<string, (long Views, long Bytes)> tallies, string imageId, long views, long bytes) =>
        tallies.AddOrUpdate(imageId, (views, bytes), (_, tally) => (tally.Views + views, tally.Bytes + bytes));
}
