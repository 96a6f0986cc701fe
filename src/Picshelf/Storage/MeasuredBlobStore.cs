using System.Runtime.CompilerServices;
using Picshelf.Telemetry;

namespace Picshelf.Storage;

/// <summary>
/// Counts the blob store's failures in <c>picshelf.blob_store.errors</c>, by operation, whichever store is configured: an
/// S3 outage and a full disk both show there. A cancelled operation is the caller's choice, not a failure. A stream
/// that fails after it was opened is counted by the request that read it failing, not here.
/// </summary>
public sealed class MeasuredBlobStore(IBlobStore store, PicshelfMetrics metrics) : IBlobStore, IDisposable
{
    public Task PutAsync(string key, Stream content, CancellationToken cancellationToken) =>
        MeasureAsync("put", () => store.PutAsync(key, content, cancellationToken));

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        MeasureAsync("read", () => store.OpenReadAsync(key, cancellationToken));

    public Task<Stream?> OpenSeekableAsync(string key, long length, CancellationToken cancellationToken) =>
        MeasureAsync("read", () => store.OpenSeekableAsync(key, length, cancellationToken));

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        MeasureAsync("delete", () => store.DeleteAsync(key, cancellationToken));

    public string? LocalRelativePath(string key) => store.LocalRelativePath(key);

    public Task RemoveIncompleteWritesAsync(CancellationToken cancellationToken) =>
        MeasureAsync("delete", () => store.RemoveIncompleteWritesAsync(cancellationToken));

    public async IAsyncEnumerable<StoredBlob> ListAsync(string keyPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var listing = store.ListAsync(keyPrefix, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (await MeasureAsync("list", async () => await listing.MoveNextAsync()))
        {
            yield return listing.Current;
        }
    }

    public void Dispose() => (store as IDisposable)?.Dispose();

    private async Task MeasureAsync(string operation, Func<Task> run) =>
        await MeasureAsync(operation, async () =>
        {
            await run();
            return true;
        });

    private async Task<T> MeasureAsync<T>(string operation, Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            metrics.BlobStoreErrors.Add(1, new KeyValuePair<string, object?>("operation", operation));
            throw;
        }
    }
}
