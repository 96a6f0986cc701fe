using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Picshelf.Albums;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Gallery;

/// <summary>
/// Gallery posts as the API shows them, a page at a time: images as Gallery Image models, albums as Gallery Album
/// models (<c>is_album</c>), with their tallies, comment and favorite counts and the caller's own vote and favorite.
/// A page of images is read in two queries whatever its length (its posts with their counts, then their tags), and
/// albums add their covers' (<see cref="AlbumPresenter"/>): each query costs about half a millisecond of CPU in EF Core
/// and the database's client, more than the rows cost the database (bench/README.md, "The gallery at a million posts").
/// </summary>
public sealed class GalleryPresenter(PicshelfDb db, ImagePresenter images, AlbumPresenter albums, TagPresenter tagPresenter, IPostComments postComments)
{
    /// <param name="albumImages">Whether albums carry their images (a post's own page, or <c>album_previews</c>).</param>
    public async Task<List<JsonElement>> ModelsAsync(HttpContext context, Caller caller, IReadOnlyList<GalleryItem> items, bool albumImages,
        CancellationToken cancellationToken)
    {
        var ids = items.Select(i => i.Id).ToList();
        var voter = caller.AccountId;
        var commentedPosts = postComments.LiveCommentPosts;
        // An image in the gallery is shared by its owner: the owner's name is the submitter's.
        var rows = await (
            from post in db.GalleryItems.AsNoTracking().Where(p => ids.Contains(p.Id))
            join i in db.Images.AsNoTracking() on post.Id equals i.Id into postImage
            from image in postImage.DefaultIfEmpty()
            join a in db.Albums.AsNoTracking() on post.Id equals a.Id into postAlbum
            from album in postAlbum.DefaultIfEmpty()
            select new
            {
                post.Id,
                Image = image,
                Album = album,
                Submitter = db.Accounts.Where(a => a.Id == image.AccountId).Select(a => a.Username).FirstOrDefault(),
                Comments = commentedPosts.Count(p => p == post.Id),
                Favorites = post.IsAlbum ? db.AlbumFavorites.Count(f => f.AlbumId == post.Id) : db.ImageFavorites.Count(f => f.ImageId == post.Id),
                Vote = db.GalleryVotes.Where(v => v.AccountId == voter && v.ItemId == post.Id).Select(v => (bool?)v.Up).FirstOrDefault(),
                Favorited = voter != null && db.ImageFavorites.Any(f => f.AccountId == voter && f.ImageId == post.Id),
            }).ToDictionaryAsync(r => r.Id, cancellationToken);
        var albumRows = items.Where(i => i.IsAlbum).Select(i => rows.GetValueOrDefault(i.Id)?.Album).OfType<Album>().ToList();
        var albumModels = (await albums.ModelsAsync(context, caller, albumRows, albumImages, cancellationToken, allInGallery: true)).ToDictionary(a => a.Id);
        var tags = await tagPresenter.OfPostsAsync(caller, ids, cancellationToken);

        var models = new List<JsonElement>(items.Count);
        foreach (var item in items)
        {
            if (!rows.TryGetValue(item.Id, out var row))
            {
                continue;
            }
            var vote = row.Vote is { } up ? (up ? "up" : "down") : null;
            if (item.IsAlbum && albumModels.TryGetValue(item.Id, out var album))
            {
                models.Add(JsonSerializer.SerializeToElement(new GalleryAlbumModel(album, item, row.Comments, row.Favorites, vote) { Tags = [.. tags[item.Id]] },
                    GalleryJson.Default.GalleryAlbumModel));
            }
            else if (!item.IsAlbum && row.Image is { } image)
            {
                var model = images.Present(context, image, row.Submitter, row.Favorited, revealSecrets: false, inGallery: true);
                models.Add(JsonSerializer.SerializeToElement(new GalleryImageModel(model, item, row.Comments, row.Favorites) with { Vote = vote, Tags = [.. tags[item.Id]] },
                    GalleryJson.Default.GalleryImageModel));
            }
        }
        return models;
    }
}
