namespace Picshelf.RateLimits;

/// <summary>
/// The counter of a single process. One lock makes a charge across several buckets atomic; the work
/// inside it is a few dictionary lookups, far below what a request costs.
/// </summary>
public sealed class MemoryCreditCounter : ICreditCounter
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private readonly Dictionary<string, Window> windows = new(StringComparer.Ordinal);
    private DateTimeOffset nextPrune = DateTimeOffset.MinValue;

    private record struct Window(long Used, DateTimeOffset ResetsAt);

    public ValueTask<CreditReceipt> ChargeAsync(CreditBucket[] buckets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var used = new long[buckets.Length];
        lock (gate)
        {
            if (now >= nextPrune)
            {
                Prune(now);
            }
            for (var i = 0; i < buckets.Length; i++)
            {
                used[i] = windows.TryGetValue(buckets[i].Key, out var window) && window.ResetsAt > now ? window.Used : 0;
            }
            for (var i = 0; i < buckets.Length; i++)
            {
                // A free request only reads its budgets, and is answered even when an administrator lowered a limit below what is used.
                if (buckets[i].Cost > 0 && used[i] + buckets[i].Cost > buckets[i].Limit)
                {
                    return ValueTask.FromResult(new CreditReceipt(used, i));
                }
            }
            for (var i = 0; i < buckets.Length; i++)
            {
                if (buckets[i].Cost != 0)
                {
                    used[i] += buckets[i].Cost;
                    windows[buckets[i].Key] = new Window(used[i], buckets[i].ResetsAt);
                }
            }
        }
        return ValueTask.FromResult(new CreditReceipt(used, CreditReceipt.None));
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, window) in windows)
        {
            if (window.ResetsAt <= now)
            {
                windows.Remove(key);
            }
        }
        nextPrune = now + PruneInterval;
    }
}
