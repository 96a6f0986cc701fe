using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Albums;

/// <summary>
/// Changes an album's details and images. Changes to one album's images are made one at a time (each reads the
/// current order and writes the new one, under the album's lock from <see cref="IDatabaseDialect"/>), so
/// concurrent adds and removes, through any process, end in a state some serial order would give.
/// </summary>
public sealed class AlbumEditing(PicshelfDb db, IDatabaseDialect dialect, IGalleryMembership gallery, AlbumChanges changes)
{
    /// <summary>Title, description, privacy, layout and cover; and, when the request names images, the album's images in that order.</summary>
    public async Task UpdateAsync(Album album, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var details = AlbumDetails.Read(fields, defaultPrivacy: null);
        await WithAlbumAsync(album.Id, async () =>
        {
            var row = await db.Albums.SingleOrDefaultAsync(a => a.Id == album.Id, cancellationToken) ?? throw AlbumAccess.NotFound(album.Id);
            var order = await OrderAsync(album.Id, cancellationToken);
            var images = AlbumImageSelection.Names(fields)
                ? await AlbumImageSelection.ResolveAsync(db, fields, album.AccountId, order, cancellationToken)
                : null;
            if (fields.ContainsKey("title"))
            {
                row.Title = details.Title;
            }
            if (fields.ContainsKey("description"))
            {
                row.Description = details.Description;
            }
            if (details.Privacy == AlbumPrivacies.Secret && row.Privacy != AlbumPrivacies.Secret
                && (await gallery.PostedAsync([album.Id], [], cancellationToken)).Albums.Count > 0)
            {
                throw ApiException.BadRequest("This album is in the gallery, which takes public and hidden albums only: remove it from the gallery first");
            }
            row.Privacy = details.Privacy ?? row.Privacy;
            row.Layout = details.Layout ?? row.Layout;
            var current = images ?? order;
            if (details.Cover is { } cover)
            {
                row.CoverImageId = current.Contains(cover) ? cover : throw ApiException.BadRequest("cover must be one of the album's images");
            }
            if (images is not null)
            {
                await WriteOrderAsync(album.Id, images, cancellationToken);
                if (details.Cover is null && row.CoverImageId is not null && !images.Contains(row.CoverImageId))
                {
                    row.CoverImageId = null;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        if (fields.ContainsKey("title") || fields.ContainsKey("description"))
        {
            await gallery.TextChangedAsync(album.Id, cancellationToken);
        }
    }

    /// <summary>Appends the named images that are not in the album yet, in the order named.</summary>
    public async Task AddAsync(Album album, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        await WithAlbumAsync(album.Id, async () =>
        {
            var order = await OrderAsync(album.Id, cancellationToken);
            var images = await AlbumImageSelection.ResolveAsync(db, fields, album.AccountId, order, cancellationToken);
            if (images.Count == 0)
            {
                throw ApiException.BadRequest("Name the images to add with ids[] or deletehashes[]");
            }
            await WriteOrderAsync(album.Id, [.. order, .. images.Where(id => !order.Contains(id))], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Takes the named images out of the album (they stay in the account); a removed cover gives way to the first image.</summary>
    public async Task RemoveAsync(Album album, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        await WithAlbumAsync(album.Id, async () =>
        {
            var order = await OrderAsync(album.Id, cancellationToken);
            var ids = await AlbumImageSelection.ForRemovalAsync(db, fields, album.AccountId, order, cancellationToken);
            if (ids.Count == 0)
            {
                throw ApiException.BadRequest("Name the images to remove with ids[]");
            }
            await WriteOrderAsync(album.Id, order.Where(id => !ids.Contains(id)).ToList(), cancellationToken);
            await db.Albums.Where(a => a.Id == album.Id && a.CoverImageId != null && ids.Contains(a.CoverImageId))
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.CoverImageId, (string?)null), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }

    private Task<List<string>> OrderAsync(string albumId, CancellationToken cancellationToken) =>
        db.AlbumImages.Where(p => p.AlbumId == albumId).OrderBy(p => p.Position).ThenBy(p => p.ImageId).Select(p => p.ImageId).ToListAsync(cancellationToken);

    /// <summary>Makes the album's places exactly <paramref name="order"/>, keeping how each surviving image came in.</summary>
    private async Task WriteOrderAsync(string albumId, List<string> order, CancellationToken cancellationToken)
    {
        var existing = await db.AlbumImages.Where(p => p.AlbumId == albumId).ToListAsync(cancellationToken);
        var byImage = existing.ToDictionary(p => p.ImageId, StringComparer.Ordinal);
        db.AlbumImages.RemoveRange(existing.Where(p => !order.Contains(p.ImageId)));
        for (var position = 0; position < order.Count; position++)
        {
            if (byImage.TryGetValue(order[position], out var place))
            {
                place.Position = position;
            }
            else
            {
                db.AlbumImages.Add(new AlbumImage { AlbumId = albumId, ImageId = order[position], Position = position });
            }
        }
    }

    private async Task WithAlbumAsync(string albumId, Func<Task> change, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await dialect.BeginWriteAsync(db, cancellationToken);
            await using var exclusive = await dialect.LockAlbumAsync(db, albumId, cancellationToken);
            await change();
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // An image named, or the album, was deleted meanwhile; the transaction wrote nothing.
            throw ApiException.BadRequest("An image named for the album, or the album itself, no longer exists");
        }
        changes.Changed(albumId);
    }
}
