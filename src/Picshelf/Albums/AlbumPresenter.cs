using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Albums;

/// <summary>
/// Turns album rows into the Album model: images in order, the cover (the chosen one while it is in the album,
/// else the first), counts and sizes computed from the album's images as they are now. The deletehash and
/// the images' deletehashes go to the album's owner only.
/// </summary>
public sealed class AlbumPresenter(PicshelfDb db, PublicLinks links, ImagePresenter images, IGalleryMembership gallery)
{
    /// <param name="allInGallery">Whether the caller knows every album is a gallery post (a gallery page), so none is looked up.</param>
    public async Task<List<AlbumModel>> ModelsAsync(HttpContext context, Caller caller, List<Album> albums, bool withImages, CancellationToken cancellationToken,
        bool allInGallery = false)
    {
        if (albums.Count == 0)
        {
            return [];
        }
        var ids = albums.Select(a => a.Id).ToList();
        // A list needs only counts and covers; the images themselves are read for one album's own page.
        var chosen = db.AlbumImages.AsNoTracking().Where(place => ids.Contains(place.AlbumId));
        if (!withImages)
        {
            chosen = chosen.Where(place => place.Position == db.AlbumImages.Where(p => p.AlbumId == place.AlbumId).Min(p => p.Position)
                || db.Albums.Any(a => a.Id == place.AlbumId && a.CoverImageId == place.ImageId));
        }
        // Each image comes with its uploader's name: an album's page then reads its rows, names and posts in three queries.
        // A list's covers come with their albums' counts (an album's own page counts the images it read).
        var viewer = caller.AccountId;
        var places = await (
            from place in chosen
            join image in db.Images on place.ImageId equals image.Id
            orderby place.Position, place.ImageId
            select new
            {
                place.AlbumId,
                Image = image,
                Owner = db.Accounts.Where(a => a.Id == image.AccountId).Select(a => a.Username).FirstOrDefault(),
                AlbumCount = withImages ? 0 : db.AlbumImages.Count(p => p.AlbumId == place.AlbumId),
                Favorited = withImages && viewer != null && db.ImageFavorites.Any(f => f.AccountId == viewer && f.ImageId == image.Id),
            })
            .ToListAsync(cancellationToken);
        var favoritedImages = places.Where(p => p.Favorited).Select(p => p.Image.Id).ToHashSet();
        var counts = withImages
            ? places.CountBy(p => p.AlbumId).ToDictionary()
            : places.DistinctBy(p => p.AlbumId).ToDictionary(p => p.AlbumId, p => p.AlbumCount);
        var owners = places.Where(p => p.Image.AccountId is not null && p.Owner is not null)
            .DistinctBy(p => p.Image.AccountId).ToDictionary(p => p.Image.AccountId!.Value, p => p.Owner!);
        var unnamed = albums.Where(a => a.AccountId is { } owner && !owners.ContainsKey(owner)).Select(a => a.AccountId!.Value).Distinct().ToList();
        if (unnamed.Count > 0)
        {
            foreach (var account in await db.Accounts.Where(a => unnamed.Contains(a.Id)).Select(a => new { a.Id, a.Username }).ToListAsync(cancellationToken))
            {
                owners[account.Id] = account.Username;
            }
        }
        var favorites = caller.AccountId is { } callerId
            ? await db.AlbumFavorites.Where(f => f.AccountId == callerId && ids.Contains(f.AlbumId)).Select(f => f.AlbumId).ToListAsync(cancellationToken)
            : [];
        var posts = await gallery.PostedAsync(allInGallery ? [] : ids, withImages ? places.Select(p => p.Image.Id).Distinct().ToList() : [],
            cancellationToken);
        var shared = allInGallery ? [.. ids] : posts.Albums;
        var sharedImages = posts.Images;
        var byAlbum = places.ToLookup(p => p.AlbumId, p => p.Image);
        var baseUrl = links.BaseUrl(context);
        return albums.Select(album =>
        {
            var images = byAlbum[album.Id].ToList();
            var cover = images.FirstOrDefault(i => i.Id == album.CoverImageId) ?? images.FirstOrDefault();
            var owner = album.AccountId is { } accountId ? owners.GetValueOrDefault(accountId) : null;
            var isOwner = album.AccountId is not null && album.AccountId == caller.AccountId;
            return new AlbumModel
            {
                Id = album.Id,
                Title = album.Title,
                Description = album.Description,
                Datetime = album.CreatedAt,
                Cover = cover?.Id,
                CoverWidth = cover?.Width,
                CoverHeight = cover?.Height,
                AccountUrl = owner,
                AccountId = album.AccountId,
                Privacy = album.Privacy,
                Layout = album.Layout,
                Views = (int)Math.Min(int.MaxValue, album.Views),
                Link = $"{baseUrl}/a/{album.Id}",
                Favorite = favorites.Contains(album.Id),
                Deletehash = isOwner ? album.DeleteHash : null,
                ImagesCount = counts.GetValueOrDefault(album.Id),
                Images = withImages
                    ? images.Select(i => ImageOf(context, i, i.AccountId is { } imageOwner ? owners.GetValueOrDefault(imageOwner) : null, caller,
                        favoritedImages.Contains(i.Id), sharedImages.Contains(i.Id))).ToList()
                    : null,
                InGallery = shared.Contains(album.Id),
            };
        }).ToList();
    }

    /// <summary>
    /// An album's image as the Image model, naming its own owner (an owned album may hold others' images added by deletehash),
    /// with <c>favorite</c> the caller's, as <c>GET /3/image/{id}</c> tells it.
    /// </summary>
    public ImageModel ImageOf(HttpContext context, Image image, string? imageOwner, Caller caller, bool favorite, bool inGallery) =>
        images.Present(context, image, imageOwner, favorite, revealSecrets: image.AccountId is not null && image.AccountId == caller.AccountId, inGallery);
}
