using Microsoft.EntityFrameworkCore;

namespace Picshelf.Data;

/// <summary>PostgreSQL serves several processes: a row lock orders the row's writers across all of them.</summary>
public sealed class PostgresDialect : IDatabaseDialect
{
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
