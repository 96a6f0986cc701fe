using Microsoft.EntityFrameworkCore;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Picshelf.Data;

/// <summary>
/// SQLite is one process's file: a gate in memory per album, gallery post or comment orders its writers. An album and
/// its gallery post share an id, so their gates are kept apart by kind.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "Its semaphores never create a wait handle, so there is nothing to dispose; a writer finishing during shutdown must still be able to release.")]
public sealed class SqliteDialect : IDatabaseDialect
{
    private readonly ConcurrentDictionary<string, Gate> gates = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim writers = new(1, 1);

    public async Task<WriteTransaction> BeginWriteAsync(PicshelfDb db, CancellationToken cancellationToken)
    {
        await writers.WaitAsync(cancellationToken);
        try
        {
            return new WriteTransaction(await db.Database.BeginTransactionAsync(cancellationToken), () => writers.Release());
        }
        catch
        {
            writers.Release();
            throw;
        }
    }

    public Task<IAsyncDisposable> LockAlbumAsync(PicshelfDb db, string albumId, CancellationToken cancellationToken) =>
        EnterAsync("album:" + albumId, cancellationToken);

    /// <summary>EF Core's SQLite lock table already spans the whole migration run.</summary>
    public Task<IAsyncDisposable> LockMigrationsAsync(PicshelfDb db, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    public Task<IAsyncDisposable> LockGalleryItemAsync(PicshelfDb db, string itemId, CancellationToken cancellationToken) =>
        EnterAsync("gallery:" + itemId, cancellationToken);

    public Task<IAsyncDisposable> LockCommentAsync(PicshelfDb db, long commentId, CancellationToken cancellationToken) =>
        EnterAsync("comment:" + commentId.ToString(CultureInfo.InvariantCulture), cancellationToken);

    /// <summary>A SQLite transaction (BEGIN IMMEDIATE, Microsoft.Data.Sqlite's default) already excludes every other writer.</summary>
    public Task LockTagsAsync(PicshelfDb db, IReadOnlyCollection<string> names, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A SQLite transaction (BEGIN IMMEDIATE, Microsoft.Data.Sqlite's default) already excludes every other writer.</summary>
    public async Task<bool> LockAccountAsync(PicshelfDb db, int accountId, bool exclusive, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM accounts WHERE \"Id\" = {accountId}").ToListAsync(cancellationToken)).Count > 0;

    /// <summary>A SQLite transaction (BEGIN IMMEDIATE, Microsoft.Data.Sqlite's default) already excludes every other writer.</summary>
    public Task LockAccessGrantAsync(PicshelfDb db, string refreshTokenDigest, CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<IAsyncDisposable> EnterAsync(string key, CancellationToken cancellationToken)
    {
        while (true)
        {
            var gate = gates.GetOrAdd(key, _ => new Gate());
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
                Leave(key, gate);
                throw;
            }
            return new Release(this, key, gate);
        }
    }

    /// <summary>Counts who holds or waits for it, so the table keeps only what is being changed.</summary>
    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private void Leave(string key, Gate gate)
    {
        lock (gate)
        {
            if (--gate.Users == 0)
            {
                gate.Users = -1;
                gates.TryRemove(new KeyValuePair<string, Gate>(key, gate));
            }
        }
    }

    private sealed class Release(SqliteDialect owner, string key, Gate gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Semaphore.Release();
            owner.Leave(key, gate);
            return ValueTask.CompletedTask;
        }
    }
}
