using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Picshelf.Data;

/// <summary>
/// What the two databases do differently; everything else is one code path. Chosen with
/// <c>Database:Provider</c> beside the <see cref="PicshelfDb"/> it serves.
/// </summary>
public interface IDatabaseDialect
{
    /// <summary>
    /// Makes this transaction the album's only writer until it ends, for changes that read the album's order and
    /// write a new one. Call it inside a transaction and dispose the result after committing.
    /// </summary>
    Task<IAsyncDisposable> LockAlbumAsync(PicshelfDb db, string albumId, CancellationToken cancellationToken);
}

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

/// <summary>PostgreSQL serves several processes: the album's row lock orders its writers across all of them.</summary>
public sealed class PostgresDialect : IDatabaseDialect
{
    public async Task<IAsyncDisposable> LockAlbumAsync(PicshelfDb db, string albumId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An album's row lock lasts as long as a transaction: begin one first");
        }
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM albums WHERE \"Id\" = {albumId} FOR UPDATE", cancellationToken);
        return NothingToRelease.Instance;
    }

    /// <summary>The row lock ends with the transaction.</summary>
    private sealed class NothingToRelease : IAsyncDisposable
    {
        public static readonly NothingToRelease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
