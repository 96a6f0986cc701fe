using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Media;
using Picshelf.Storage;

namespace Picshelf.Images;

/// <summary>
/// The blob verbs of the command line: copying every blob between stores, so an installation can move from
/// its disk to a bucket (or back) without losing an image, and collecting blobs no image row refers to.
/// </summary>
public sealed class BlobMaintenance(PicshelfDb db, TimeProvider time)
{
    /// <summary>Originals, thumbnails, variants, MP4s and videos' sources; anything else in a store (readiness probes) is not an image's.</summary>
    private static readonly string[] ImageFolders = [BlobKeys.OriginalsFolder, BlobKeys.ThumbnailsFolder, BlobKeys.VariantsFolder, BlobKeys.RenditionsFolder,
        BlobKeys.SourcesFolder];

    /// <summary>
    /// Copies every blob that the destination lacks or holds at another length. Each blob is written whole or not
    /// at all, so an interrupted copy is resumed by running it again.
    /// </summary>
    public static async Task<BlobCopyResult> CopyAsync(IBlobStore from, IBlobStore to, TextWriter progress, CancellationToken cancellationToken)
    {
        var present = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var blob in await ListAsync(to, cancellationToken))
        {
            present[blob.Key] = blob.Length;
        }
        var blobs = await ListAsync(from, cancellationToken);
        var bar = new ProgressBar(progress, blobs.Count);
        int copied = 0, skipped = 0;
        long bytes = 0;
        foreach (var blob in blobs)
        {
            if (present.TryGetValue(blob.Key, out var length) && length == blob.Length)
            {
                skipped++;
            }
            else
            {
                await using var content = await from.OpenReadAsync(blob.Key, cancellationToken);
                // A blob deleted since the listing (its image was deleted meanwhile) has nothing left to copy.
                if (content is not null)
                {
                    await to.PutAsync(blob.Key, content, cancellationToken);
                    copied++;
                    bytes += blob.Length;
                }
            }
            bar.Advance();
        }
        bar.Finish();
        return new BlobCopyResult(blobs.Count, copied, skipped, bytes);
    }

    /// <summary>
    /// Deletes blobs whose image row does not exist, unless they are younger than <paramref name="grace"/>: an
    /// upload stores its blob before its row, so a young blob may belong to an upload still in progress.
    /// Orphans come from a process killed between the two, or from a blob delete that failed. They are few: a
    /// database with no images beside a store with blobs, or one that would orphan most of a large store, is more
    /// likely the wrong database (a staging one, a half-restored one) than a store of orphans. That takes
    /// <paramref name="force"/>.
    /// </summary>
    public async Task<GarbageCollectionResult> CollectAsync(IBlobStore blobs, TimeSpan grace, bool force, CancellationToken cancellationToken)
    {
        if (grace < TimeSpan.Zero)
        {
            throw new ArgumentException("--grace cannot be negative", nameof(grace));
        }
        var stored = await ListAsync(blobs, cancellationToken);
        if (stored.Count > 0 && !force && !await db.Images.AnyAsync(cancellationToken))
        {
            throw WrongDatabase($"The database holds no images but the store holds {stored.Count} blobs");
        }
        var owned = stored.Select(blob => (Blob: blob, ImageId: ImageIdOf(blob.Key))).ToList();
        var imageIds = owned.Select(o => o.ImageId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in imageIds.Chunk(500))
        {
            existing.UnionWith(await db.Images.Where(i => batch.Contains(i.Id)).Select(i => i.Id).ToListAsync(cancellationToken));
        }
        var youngest = time.GetUtcNow() - grace;
        var unclaimed = owned.Where(o => o.ImageId is null || !existing.Contains(o.ImageId)).ToList();
        var orphans = unclaimed.Count(o => o.Blob.LastModified <= youngest);
        if (!force && orphans > 100 && orphans * 2 > stored.Count)
        {
            throw WrongDatabase($"{orphans} of the store's {stored.Count} blobs belong to no image of this database");
        }
        int deleted = 0, tooRecent = 0;
        foreach (var (blob, imageId) in unclaimed)
        {
            if (blob.LastModified > youngest)
            {
                tooRecent++;
                continue;
            }
            // The row may have been written since the check above: an upload slower than the grace period.
            if (imageId is not null && await db.Images.AnyAsync(i => i.Id == imageId, cancellationToken))
            {
                continue;
            }
            await blobs.DeleteAsync(blob.Key, cancellationToken);
            deleted++;
        }
        var originals = owned.Where(o => o.Blob.Key.StartsWith(ImageFolders[0], StringComparison.Ordinal)).Select(o => o.ImageId).ToHashSet(StringComparer.Ordinal);
        int images = 0, missingOriginal = 0;
        await foreach (var id in db.Images.AsNoTracking().Select(i => i.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            images++;
            if (!originals.Contains(id))
            {
                missingOriginal++;
            }
        }
        return new GarbageCollectionResult(stored.Count, images, deleted, tooRecent, missingOriginal);
    }

    private static InvalidOperationException WrongDatabase(string finding) =>
        new($"{finding}: is this the store's database? gc --force deletes them");

    /// <summary>
    /// The image a blob belongs to: <c>originals/{id}</c>, <c>sources/{id}</c>, <c>renditions/{id}.mp4</c>, <c>thumbnails/{id}{suffix}</c>, or
    /// <c>variants/{id}.{ext}</c> and <c>variants/{id}{suffix}.{ext}</c>; null for anything else.
    /// </summary>
    public static string? ImageIdOf(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = key[(slash + 1)..];
        return key[..(slash + 1)] switch
        {
            BlobKeys.OriginalsFolder or BlobKeys.SourcesFolder when IdGenerator.IsId(name) => name,
            BlobKeys.RenditionsFolder when name.EndsWith(".mp4", StringComparison.Ordinal) && IdGenerator.IsId(name[..^4]) => name[..^4],
            BlobKeys.ThumbnailsFolder => ImageIdOfLink(name, allowOriginal: false),
            BlobKeys.VariantsFolder when name.LastIndexOf('.') is > 0 and var dot && ImageVariants.All.Any(f => f.Extension == name[(dot + 1)..]) =>
                ImageIdOfLink(name[..dot], allowOriginal: true),
            _ => null,
        };
    }

    /// <summary>The image of a direct link's name: an id followed by a thumbnail suffix, or (<paramref name="allowOriginal"/>) the id alone.</summary>
    private static string? ImageIdOfLink(string name, bool allowOriginal) =>
        allowOriginal && IdGenerator.IsId(name) ? name
        : name.Length > 1 && ThumbnailSize.FromSuffix(name[^1]) is not null && IdGenerator.IsId(name[..^1]) ? name[..^1]
        : null;

    private static async Task<List<StoredBlob>> ListAsync(IBlobStore store, CancellationToken cancellationToken)
    {
        var found = new List<StoredBlob>();
        foreach (var folder in ImageFolders)
        {
            await foreach (var blob in store.ListAsync(folder, cancellationToken))
            {
                found.Add(blob);
            }
        }
        return found;
    }

    /// <summary>A bar on the operator's terminal, redrawn at each whole percent; stdout stays the JSON result.</summary>
    private sealed class ProgressBar(TextWriter writer, int total)
    {
        private const int Width = 30;
        private int done;
        private int shownPercent = -1;

        public void Advance()
        {
            done++;
            var percent = total == 0 ? 100 : (int)(done * 100L / total);
            if (percent != shownPercent)
            {
                shownPercent = percent;
                var filled = percent * Width / 100;
                writer.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {done}/{total}");
            }
        }

        public void Finish() => writer.WriteLine(total == 0 ? "nothing to copy" : "");
    }
}
