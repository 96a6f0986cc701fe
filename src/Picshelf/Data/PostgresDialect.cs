using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Picshelf.Data;

/// <summary>PostgreSQL serves several processes: a row lock orders the row's writers across all of them.</summary>
public sealed class PostgresDialect : IDatabaseDialect
{
    public async Task<WriteTransaction> BeginWriteAsync(PicshelfDb db, CancellationToken cancellationToken) =>
        new(await db.Database.BeginTransactionAsync(cancellationToken), static () => { });

    public async Task<IAsyncDisposable> LockAlbumAsync(PicshelfDb db, string albumId, CancellationToken cancellationToken)
    {
        InTransaction(db);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM albums WHERE \"Id\" = {albumId} FOR UPDATE", cancellationToken);
        return NothingToRelease.Instance;
    }

    public async Task<IAsyncDisposable> LockGalleryItemAsync(PicshelfDb db, string itemId, CancellationToken cancellationToken)
    {
        InTransaction(db);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM gallery_items WHERE \"Id\" = {itemId} FOR UPDATE", cancellationToken);
        return NothingToRelease.Instance;
    }

    public async Task<IAsyncDisposable> LockCommentAsync(PicshelfDb db, long commentId, CancellationToken cancellationToken)
    {
        InTransaction(db);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM comments WHERE \"Id\" = {commentId} FOR UPDATE", cancellationToken);
        return NothingToRelease.Instance;
    }

    public async Task LockTagsAsync(PicshelfDb db, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        InTransaction(db);
        var ordered = names.Distinct().Order(StringComparer.Ordinal).ToArray();
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM tags WHERE \"Name\" = ANY({ordered}) ORDER BY \"Name\" COLLATE \"C\" FOR UPDATE", cancellationToken);
    }

    public async Task<bool> LockAccountAsync(PicshelfDb db, int accountId, bool exclusive, CancellationToken cancellationToken)
    {
        InTransaction(db);
        // KEY SHARE is what a new row naming the account takes anyway; it only conflicts with the deletion's UPDATE.
        var rows = exclusive
            ? db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM accounts WHERE \"Id\" = {accountId} FOR UPDATE")
            : db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM accounts WHERE \"Id\" = {accountId} FOR KEY SHARE");
        return (await rows.ToListAsync(cancellationToken)).Count > 0;
    }

    public async Task LockAccessGrantAsync(PicshelfDb db, string refreshTokenDigest, CancellationToken cancellationToken)
    {
        InTransaction(db);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM access_grants WHERE \"RefreshTokenHash\" = {refreshTokenDigest} FOR UPDATE", cancellationToken);
    }

    /// <summary>
    /// A session advisory lock (its key is "Picshelf" in ASCII) on a connection of its own, held while this process
    /// migrates and released explicitly. The connection is not pooled, so even when the unlock fails the lock ends with it
    /// (a pooled session outlives its closing, and the pool does not reset it).
    /// </summary>
    public async Task<IAsyncDisposable> LockMigrationsAsync(PicshelfDb db, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(5794271742912719974)", connection))
            {
                command.CommandTimeout = 0;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            return new MigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class MigrationLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (connection)
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(5794271742912719974)", connection);
                await command.ExecuteNonQueryAsync();
            }
        }
    }

    private static void InTransaction(PicshelfDb db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A row lock lasts as long as a transaction: begin one first");
        }
    }

    /// <summary>The row lock ends with the transaction.</summary>
    private sealed class NothingToRelease : IAsyncDisposable
    {
        public static readonly NothingToRelease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
