using Microsoft.EntityFrameworkCore.Storage;

namespace Picshelf.Data;

/// <summary>A transaction begun by <see cref="IDatabaseDialect.BeginWriteAsync"/>: disposing it ends the transaction, then lets the next writer in.</summary>
public sealed class WriteTransaction(IDbContextTransaction transaction, Action letNextWriterIn) : IAsyncDisposable
{
    private int disposed;

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        try
        {
            await transaction.DisposeAsync();
        }
        finally
        {
            letNextWriterIn();
        }
    }
}
