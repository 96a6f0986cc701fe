using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Albums;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Gallery;

/// <summary>
/// The owner's favorited images and albums, <c>newest</c> (the default) or <c>oldest</c> first by when they were
/// favorited. One in the gallery is shown as the gallery shows it, with its tallies, tags and counts; one that is not,
/// an image as a gallery image with the gallery's numbers null and an album as an album (the spec's note on this route:
/// the vote data may be null if the item was never submitted to the gallery). imgurpython reads <c>is_album</c> on every
/// item to tell them apart.
/// </summary>
public sealed class AccountFavorites(PicshelfDb db, ImagePresenter images, AlbumPresenter albums, GalleryPresenter posts)
{
    public async Task<List<JsonElement>> ListAsync(HttpContext context, Caller caller, Account account, string? sort, Paging paging,
        CancellationToken cancellationToken)
    {
        var order = ListSort.Parse(sort, ListSort.Newest, ListSort.Oldest);
        var favorites = db.ImageFavorites.Where(f => f.AccountId == account.Id).Select(f => new { Id = f.ImageId, IsAlbum = false, f.CreatedAt })
            .Concat(db.AlbumFavorites.Where(f => f.AccountId == account.Id).Select(f => new { Id = f.AlbumId, IsAlbum = true, f.CreatedAt }));
        var page = await ListSort.Order(favorites, order, f => f.CreatedAt, f => f.Id).Skip(paging.Skip).Take(paging.PerPage).ToListAsync(cancellationToken);

        var pageIds = page.Select(f => f.Id).ToList();
        var postRows = await db.GalleryItems.AsNoTracking().Where(i => pageIds.Contains(i.Id)).ToListAsync(cancellationToken);
        var postModels = (await posts.ModelsAsync(context, caller, postRows, albumImages: false, cancellationToken))
            .ToDictionary(model => model.GetProperty("id").GetString()!);
        var imageIds = page.Where(f => !f.IsAlbum && !postModels.ContainsKey(f.Id)).Select(f => f.Id).ToList();
        var imageRows = await (
            from image in db.Images.AsNoTracking()
            where imageIds.Contains(image.Id)
            select new { Image = image, Owner = db.Accounts.Where(a => a.Id == image.AccountId).Select(a => a.Username).FirstOrDefault() })
            .ToDictionaryAsync(r => r.Image.Id, cancellationToken);
        var albumIds = page.Where(f => f.IsAlbum && !postModels.ContainsKey(f.Id)).Select(f => f.Id).ToList();
        var albumRows = await db.Albums.AsNoTracking().Where(a => albumIds.Contains(a.Id)).ToListAsync(cancellationToken);
        var albumModels = (await albums.ModelsAsync(context, caller, albumRows, withImages: false, cancellationToken)).ToDictionary(a => a.Id);

        var items = new List<JsonElement>(page.Count);
        foreach (var favorite in page)
        {
            if (postModels.TryGetValue(favorite.Id, out var post))
            {
                items.Add(post);
            }
            else if (favorite.IsAlbum && albumModels.TryGetValue(favorite.Id, out var album))
            {
                items.Add(JsonSerializer.SerializeToElement(album, AlbumsJson.Default.AlbumModel));
            }
            else if (!favorite.IsAlbum && imageRows.TryGetValue(favorite.Id, out var row))
            {
                var model = images.Present(context, row.Image, row.Owner, favorite: true, revealSecrets: row.Image.AccountId == account.Id, inGallery: false);
                items.Add(JsonSerializer.SerializeToElement(new GalleryImageModel(model), GalleryJson.Default.GalleryImageModel));
            }
        }
        return items;
    }
}
