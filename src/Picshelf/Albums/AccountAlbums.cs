using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;
using Picshelf.Media;

namespace Picshelf.Albums;

/// <summary>
/// An account's albums as the Account routes show them. The owner sees every album with its deletehash;
/// anyone else sees only public ones listed, and hidden or secret ones only when asking by id.
/// </summary>
public sealed class AccountAlbums(PicshelfDb db, PublicLinks links, ViewCounter views)
{
    public async Task<List<AlbumModel>> ListAsync(HttpContext context, Account account, Caller caller, Paging paging, CancellationToken cancellationToken)
    {
        var page = await Listed(account, caller).OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id)
            .Skip(paging.Skip).Take(paging.PerPage).ToListAsync(cancellationToken);
        return await ModelsAsync(context, account, caller, page, withImages: false, cancellationToken);
    }

    public Task<List<string>> IdsAsync(Account account, Caller caller, Paging paging, CancellationToken cancellationToken) =>
        Listed(account, caller).OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id)
            .Skip(paging.Skip).Take(paging.PerPage).Select(a => a.Id).ToListAsync(cancellationToken);

    public Task<int> CountAsync(Account account, Caller caller, CancellationToken cancellationToken) =>
        Listed(account, caller).CountAsync(cancellationToken);

    public async Task<AlbumModel> FindAsync(HttpContext context, Account account, Caller caller, string albumId, CancellationToken cancellationToken)
    {
        var album = await db.Albums.AsNoTracking().SingleOrDefaultAsync(a => a.Id == albumId && a.AccountId == account.Id, cancellationToken)
            ?? throw NotFound(albumId);
        return (await ModelsAsync(context, account, caller, [album], withImages: true, cancellationToken))[0];
    }

    /// <summary>Deletes one of the account's albums, by id or deletehash. Its images stay: they are the account's.</summary>
    public async Task DeleteAsync(Account account, string albumIdOrDeleteHash, CancellationToken cancellationToken)
    {
        var album = await db.Albums.AsNoTracking()
            .SingleOrDefaultAsync(a => a.AccountId == account.Id && (a.Id == albumIdOrDeleteHash || a.DeleteHash == albumIdOrDeleteHash), cancellationToken)
            ?? throw NotFound(albumIdOrDeleteHash);
        await db.GalleryItems.Where(g => g.Id == album.Id && g.IsAlbum).ExecuteDeleteAsync(cancellationToken);
        // Its places and favorites go with the row through their foreign keys.
        if (await db.Albums.Where(a => a.Id == album.Id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            throw NotFound(albumIdOrDeleteHash);
        }
    }

    public static ApiException NotFound(string albumId) => ApiException.NotFound($"Unable to find an album with the id, {albumId}");

    private IQueryable<Album> Listed(Account account, Caller caller) =>
        db.Albums.AsNoTracking().Where(a => a.AccountId == account.Id && (caller.AccountId == account.Id || a.Privacy == AlbumPrivacies.Public));

    private async Task<List<AlbumModel>> ModelsAsync(HttpContext context, Account account, Caller caller, List<Album> albums, bool withImages,
        CancellationToken cancellationToken)
    {
        var ids = albums.Select(a => a.Id).ToList();
        var places = await (
            from place in db.AlbumImages.AsNoTracking()
            where ids.Contains(place.AlbumId)
            join image in db.Images on place.ImageId equals image.Id
            orderby place.Position
            select new { place.AlbumId, Image = image }).ToListAsync(cancellationToken);
        var favorites = caller.AccountId is { } callerId
            ? await db.AlbumFavorites.Where(f => f.AccountId == callerId && ids.Contains(f.AlbumId)).Select(f => f.AlbumId).ToListAsync(cancellationToken)
            : [];
        var shared = await db.GalleryItems.Where(g => g.IsAlbum && ids.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken);
        var isOwner = caller.AccountId == account.Id;
        var byAlbum = places.ToLookup(p => p.AlbumId, p => p.Image);
        var baseUrl = links.BaseUrl(context);
        return albums.Select(album =>
        {
            var images = byAlbum[album.Id].ToList();
            var cover = images.FirstOrDefault(i => i.Id == album.CoverImageId) ?? images.FirstOrDefault();
            return new AlbumModel
            {
                Id = album.Id,
                Title = album.Title,
                Description = album.Description,
                Datetime = album.CreatedAt,
                Cover = cover?.Id,
                CoverWidth = cover?.Width,
                CoverHeight = cover?.Height,
                AccountUrl = account.Username,
                AccountId = account.Id,
                Privacy = album.Privacy,
                Layout = album.Layout,
                Views = (int)Math.Min(int.MaxValue, album.Views),
                Link = $"{baseUrl}/a/{album.Id}",
                Favorite = favorites.Contains(album.Id),
                Deletehash = isOwner ? album.DeleteHash : null,
                ImagesCount = images.Count,
                Images = withImages
                    ? images.Select(i => i.ToModel(links.DirectLink(context, i.Id, i.Type), account.Username, views.Pending(i.Id), favorite: false, revealSecrets: isOwner)).ToList()
                    : null,
                InGallery = shared.Contains(album.Id),
            };
        }).ToList();
    }
}
