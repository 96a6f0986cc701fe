using System.Collections.Concurrent;

namespace Picshelf.Data;

/// <summary>SQLite is one process's file: a gate per album in memory orders its writers.</summary>
public sealed class SqliteDialect : IDatabaseDialect
{
    private readonly ConcurrentDictionary<string, Gate> gates = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> LockAlbumAsync(PicshelfDb db, string albumId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var gate = gates.GetOrAdd(albumId, _ => new Gate());
            lock (gate)
            {
                // A gate whose last user left has been removed from the table; take a fresh one.
                if (gate.Users < 0)
                {
                    continue;
                }
                gate.Users++;
            }
            try
            {
                await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Leave(albumId, gate);
                throw;
            }
            return new Release(this, albumId, gate);
        }
    }

    /// <summary>Counts who holds or waits for it, so the table keeps only albums being changed.</summary>
    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private void Leave(string albumId, Gate gate)
    {
        lock (gate)
        {
            if (--gate.Users == 0)
            {
                gate.Users = -1;
                gates.TryRemove(new KeyValuePair<string, Gate>(albumId, gate));
            }
        }
    }

    private sealed class Release(SqliteDialect owner, string albumId, Gate gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Semaphore.Release();
            owner.Leave(albumId, gate);
            return ValueTask.CompletedTask;
        }
    }
}
