using System.Collections.Concurrent;
using Picshelf.Images;
using Picshelf.Media;
using Picshelf.Storage;

namespace Picshelf.Serving;

/// <summary>
/// The variants of direct links (<see cref="ImageVariants"/>), read from the hot cache or the blob store. They are made in
/// the background the first time a client that takes one asks: that request, and any until they exist, gets the picture
/// as stored at once instead of waiting for the AV1 encoder. All of a link's variants are made from one decode, and each
/// is stored even when it came out larger than its source, as an empty blob that means "serve the source", so no
/// picture is encoded twice. Several processes may make the same variant at once; the bytes are the same either way.
/// </summary>
public sealed class VariantService(IBlobStore blobs, IImageProcessor processor, HotBlobCache hotBlobs, MediaWork mediaWork, IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime, ILogger<VariantService> logger)
{
    /// <summary>
    /// Links whose variants are being made at most; a burst of first views of more pictures leaves the rest to later
    /// requests instead of queueing unbounded work and memory.
    /// </summary>
    private const int MaxPending = 32;

    private readonly ConcurrentDictionary<string, bool> pending = new(StringComparer.Ordinal);

    /// <summary>The smallest of the accepted variants, or null to serve the source (none smaller, or not made yet).</summary>
    /// <param name="linkName">The direct link's name: the id, or the id and a thumbnail suffix.</param>
    /// <param name="source">The original's or thumbnail's own type and length, which a variant must beat.</param>
    public async ValueTask<CachedBlob?> FindAsync(Image image, ThumbnailSize? size, string linkName, (string Type, long Length) source,
        IReadOnlyList<ImageFormat> accepted, CancellationToken cancellationToken)
    {
        // While this process makes them, the store holds them part-written or not at all.
        if (pending.ContainsKey(linkName))
        {
            return null;
        }
        CachedBlob? smallest = null;
        var missing = false;
        foreach (var format in accepted)
        {
            var variant = await LoadAsync(image, size, linkName, format, cancellationToken);
            if (variant is null)
            {
                missing = true;
            }
            else if (variant.Bytes.Length > 0 && variant.Bytes.Length < (smallest?.Bytes.Length ?? long.MaxValue))
            {
                smallest = variant;
            }
        }
        if (missing)
        {
            Start(image, size, linkName, source);
        }
        return smallest;
    }

    private async ValueTask<CachedBlob?> LoadAsync(Image image, ThumbnailSize? size, string linkName, ImageFormat format, CancellationToken cancellationToken)
    {
        var name = HotBlobCache.VariantName(linkName, format);
        if (hotBlobs.TryGet(name, out var hot))
        {
            return hot;
        }
        var bytes = await blobs.ReadAllBytesAsync(BlobKeys.Variant(linkName, format), cancellationToken);
        if (bytes is null)
        {
            return null;
        }
        var loaded = new CachedBlob(image, size, bytes, format.MimeType, format);
        hotBlobs.Add(name, loaded);
        return loaded;
    }

    private void Start(Image image, ThumbnailSize? size, string linkName, (string Type, long Length) source)
    {
        if (pending.Count >= MaxPending || !pending.TryAdd(linkName, true))
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await MakeAsync(image, size, linkName, source, lifetime.ApplicationStopping);
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                // Nothing was promised to the request that started this; the next one that takes a variant tries again.
                logger.LogWarning(failure, "Could not make the variants of {Link}", linkName);
            }
            finally
            {
                pending.TryRemove(linkName, out _);
            }
        });
    }

    private async Task MakeAsync(Image image, ThumbnailSize? size, string linkName, (string Type, long Length) source, CancellationToken stopping)
    {
        var formats = ImageVariants.Of(source.Type);
        IReadOnlyList<byte[]> made;
        await using (var stored = await blobs.OpenReadAsync(size is null ? BlobKeys.Original(image.Id) : BlobKeys.Thumbnail(image.Id, size.Suffix), stopping))
        {
            if (stored is null)
            {
                return;
            }
            try
            {
                made = await mediaWork.RunAsync(() => processor.CreateVariants(stored, ImageVariants.IsLossless(source.Type), formats), stopping);
            }
            catch (ImageRejectedException failure)
            {
                // The source was checked when it was stored, so this is libvips' own limit; serve the source from now on.
                logger.LogWarning("Could not encode the variants of {Link}; its source is served: {Message}", linkName, failure.Message);
                made = [.. formats.Select(_ => Array.Empty<byte>())];
            }
        }
        var keys = formats.Select(format => BlobKeys.Variant(linkName, format)).ToList();
        for (var i = 0; i < formats.Count; i++)
        {
            using var content = new MemoryStream(made[i].Length < source.Length ? made[i] : [], writable: false);
            await blobs.PutAsync(keys[i], content, stopping);
        }
        if (!await ImageRows.ExistAsync(scopes, image.Id, stopping))
        {
            foreach (var key in keys)
            {
                await blobs.DeleteAsync(key, stopping);
            }
        }
    }
}
