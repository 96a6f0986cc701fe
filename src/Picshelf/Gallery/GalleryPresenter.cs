using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Picshelf.Albums;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Gallery;

/// <summary>
/// Gallery posts as the API shows them, a page at a time: images as Gallery Image models, albums as Gallery Album
/// models (<c>is_album</c> tells them apart), with their tallies, comment and favorite counts and the caller's own
/// vote and favorite. Everything a page needs is read in a handful of queries, whatever its length.
/// </summary>
public sealed class GalleryPresenter(PicshelfDb db, ImagePresenter images, AlbumPresenter albums, TagPresenter tagPresenter, IPostComments postComments)
{
    /// <param name="albumImages">Whether albums carry their images (a post's own page, or <c>album_previews</c>).</param>
    public async Task<List<JsonElement>> ModelsAsync(HttpContext context, Caller caller, IReadOnlyList<GalleryItem> items, bool albumImages,
        CancellationToken cancellationToken)
    {
        var ids = items.Select(i => i.Id).ToList();
        var imageIds = items.Where(i => !i.IsAlbum).Select(i => i.Id).ToList();
        var albumIds = items.Where(i => i.IsAlbum).Select(i => i.Id).ToList();
        // An image in the gallery is shared by its owner: the owner's name is the submitter's.
        var imageRows = await db.Images.AsNoTracking().Where(i => imageIds.Contains(i.Id))
            .Select(i => new { Image = i, Submitter = db.Accounts.Where(a => a.Id == i.AccountId).Select(a => a.Username).FirstOrDefault() })
            .ToDictionaryAsync(i => i.Image.Id, cancellationToken);
        var albumRows = albumIds.Count == 0 ? [] : await db.Albums.AsNoTracking().Where(a => albumIds.Contains(a.Id)).ToListAsync(cancellationToken);
        var albumModels = (await albums.ModelsAsync(context, caller, albumRows, albumImages, cancellationToken, allInGallery: true)).ToDictionary(a => a.Id);
        var comments = await postComments.CountsAsync(ids, cancellationToken);
        var favorites = await db.ImageFavorites.Where(f => imageIds.Contains(f.ImageId)).Select(f => f.ImageId)
            .Concat(db.AlbumFavorites.Where(f => albumIds.Contains(f.AlbumId)).Select(f => f.AlbumId))
            .GroupBy(id => id).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        var votes = caller.AccountId is { } voter
            ? await db.GalleryVotes.Where(v => v.AccountId == voter && ids.Contains(v.ItemId)).ToDictionaryAsync(v => v.ItemId, v => v.Up, cancellationToken)
            : [];
        var favoritedImages = caller.AccountId is { } callerId
            ? await db.ImageFavorites.Where(f => f.AccountId == callerId && imageIds.Contains(f.ImageId)).Select(f => f.ImageId).ToListAsync(cancellationToken)
            : [];

        var tags = await tagPresenter.OfPostsAsync(caller, ids, cancellationToken);

        var models = new List<JsonElement>(items.Count);
        foreach (var item in items)
        {
            var vote = votes.TryGetValue(item.Id, out var up) ? (up ? "up" : "down") : null;
            var commentCount = comments.GetValueOrDefault(item.Id);
            var favoriteCount = favorites.GetValueOrDefault(item.Id);
            if (item.IsAlbum && albumModels.TryGetValue(item.Id, out var album))
            {
                models.Add(JsonSerializer.SerializeToElement(new GalleryAlbumModel(album, item, commentCount, favoriteCount, vote) { Tags = [.. tags[item.Id]] }, GalleryJson.Default.GalleryAlbumModel));
            }
            else if (!item.IsAlbum && imageRows.TryGetValue(item.Id, out var image))
            {
                var model = images.Present(context, image.Image, image.Submitter, favoritedImages.Contains(item.Id), revealSecrets: false, inGallery: true);
                models.Add(JsonSerializer.SerializeToElement(new GalleryImageModel(model, item, commentCount, favoriteCount) with { Vote = vote, Tags = [.. tags[item.Id]] },
                    GalleryJson.Default.GalleryImageModel));
            }
        }
        return models;
    }
}
