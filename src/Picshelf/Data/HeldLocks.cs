namespace Picshelf.Data;

/// <summary>
/// Several row locks taken in the order given and released together: a change that touches many rows (an account's
/// deletion) takes them all first, in one order every such change shares, so two of them never wait for each other.
/// </summary>
public sealed class HeldLocks : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> held = [];

    public static async Task<HeldLocks> TakeAsync<TKey>(IEnumerable<TKey> keysInOrder, Func<TKey, Task<IAsyncDisposable>> take)
    {
        var locks = new HeldLocks();
        try
        {
            foreach (var key in keysInOrder)
            {
                locks.held.Add(await take(key));
            }
            return locks;
        }
        catch
        {
            await locks.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var one in held)
        {
            await one.DisposeAsync();
        }
        held.Clear();
    }
}
