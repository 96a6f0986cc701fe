using System.Collections.Concurrent;
using Picshelf.Images;
using Picshelf.Media;
using Picshelf.Storage;
using Picshelf.Telemetry;

namespace Picshelf.Serving;

/// <summary>
/// Thumbnails are made on their first request and kept in the blob store; concurrent first requests
/// for the same thumbnail share one generation.
/// </summary>
public sealed class ThumbnailService(IBlobStore blobs, IImageProcessor processor, HotBlobCache hotBlobs, MediaWork mediaWork, IServiceScopeFactory scopes,
    PicshelfMetrics metrics, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CachedBlob?>>> inFlight = new(StringComparer.Ordinal);

    /// <param name="name">The direct link's name, the id and the suffix, under which the hot cache keeps it.</param>
    public async Task<CachedBlob?> GetAsync(Image image, ThumbnailSize size, string name, CancellationToken cancellationToken)
    {
        var generation = inFlight.GetOrAdd(name, _ => new Lazy<Task<CachedBlob?>>(() => GenerateOnceAsync(image, size, name)));
        return await generation.Value.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Leaves the in-flight table when the work ends, not when a waiter gives up: an abandoned
    /// request must not let the next one start the same work again beside it.
    /// </summary>
    private async Task<CachedBlob?> GenerateOnceAsync(Image image, ThumbnailSize size, string name)
    {
        try
        {
            return await LoadOrCreateAsync(image, size, name);
        }
        finally
        {
            inFlight.TryRemove(name, out _);
        }
    }

    // Not bound to one request's cancellation: other requests may be waiting for the same thumbnail.
    private async Task<CachedBlob?> LoadOrCreateAsync(Image image, ThumbnailSize size, string name)
    {
        var key = BlobKeys.Thumbnail(image.Id, size.Suffix);
        var stored = await blobs.ReadAllBytesAsync(key, CancellationToken.None);
        if (stored is not null)
        {
            var blob = new CachedBlob(image, size, stored, SniffContentType(stored));
            hotBlobs.Add(name, blob);
            return blob;
        }
        var started = time.GetTimestamp();
        Thumbnail thumbnail;
        await using (var original = await blobs.OpenReadAsync(BlobKeys.Original(image.Id), CancellationToken.None))
        {
            if (original is null)
            {
                return null;
            }
            thumbnail = await mediaWork.RunAsync(() => processor.CreateThumbnail(original, size), CancellationToken.None);
        }
        using (var content = new MemoryStream(thumbnail.Bytes, writable: false))
        {
            await blobs.PutAsync(key, content, CancellationToken.None);
        }
        if (!await ImageRows.ExistAsync(scopes, image.Id, CancellationToken.None))
        {
            await blobs.DeleteAsync(key, CancellationToken.None);
            return null;
        }
        metrics.ThumbnailDuration.Record(time.GetElapsedTime(started).TotalSeconds);
        var created = new CachedBlob(image, size, thumbnail.Bytes, thumbnail.ContentType);
        hotBlobs.Add(name, created);
        return created;
    }

    private static string SniffContentType(byte[] bytes) =>
        (ImageFormat.Sniff(bytes) ?? ImageFormat.Jpeg).MimeType;
}
