using Microsoft.EntityFrameworkCore;

namespace Picshelf.Data;

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
