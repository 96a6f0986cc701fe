using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Picshelf.Albums;
using Picshelf.Api;
using Picshelf.Comments;
using Picshelf.Gallery;
using Picshelf.Data;
using Picshelf.Images;
using Microsoft.Extensions.Options;
using Picshelf.Media;
using Picshelf.Web;

namespace Picshelf.Accounts;

/// <summary>
/// The Account routes of the API. <c>{username}</c> is a username or <c>me</c>. The base model is public;
/// settings, images and favorites answer the owner only (someone else's token gets 403).
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/3/account/{username}");
        account.MapGet("", GetAccount);
        account.MapGet("/avatar", GetAvatar);
        account.MapGet("/available_avatars", (HttpContext context, PublicLinks links) => ImgurResult.Ok(Avatars.Available(links.BaseUrl(context))));
        account.MapGet("/settings", GetSettings);
        account.MapPut("/settings", ChangeSettings);
        account.MapPost("/settings", ChangeSettings);
        account.MapPost("/delete", DeleteAccount);

        account.MapGet("/images", ListImages);
        account.MapGet("/images/{page:int}", ListImages);
        account.MapGet("/images/ids", ListImageIds);
        account.MapGet("/images/ids/{page:int}", ListImageIds);
        account.MapGet("/images/count", CountImages);
        account.MapGet("/image/{imageId}", GetImage);
        account.MapDelete("/image/{deleteHash}", DeleteImage);

        account.MapGet("/verifyemail", IsEmailVerified);
        account.MapPost("/verifyemail", SendVerificationEmail);

        account.MapGet("/albums", ListAlbums);
        account.MapGet("/albums/{page:int}", ListAlbums);
        account.MapGet("/albums/ids", ListAlbumIds);
        account.MapGet("/albums/ids/{page:int}", ListAlbumIds);
        account.MapGet("/albums/count", CountAlbums);
        account.MapGet("/album/{albumId}", GetAlbum);
        account.MapDelete("/album/{albumIdOrDeleteHash}", DeleteAlbum);

        account.MapGet("/comments", ListComments);
        account.MapGet("/comments/{page:int}", ListComments);
        account.MapGet("/comments/{sort}", ListComments);
        account.MapGet("/comments/{sort}/{page:int}", ListComments);
        account.MapGet("/comments/ids", ListCommentIds);
        account.MapGet("/comments/ids/{page:int}", ListCommentIds);
        account.MapGet("/comments/ids/{sort}", ListCommentIds);
        account.MapGet("/comments/ids/{sort}/{page:int}", ListCommentIds);
        account.MapGet("/comments/count", CountComments);
        account.MapGet("/comment/{commentId:long}", GetComment);
        account.MapDelete("/comment/{commentId:long}", DeleteComment);
        account.MapGet("/notifications/replies", ListReplies);
        account.MapPost("/follow/tag/{tagName}", FollowTag);
        account.MapDelete("/follow/tag/{tagName}", UnfollowTag);

        account.MapGet("/submissions", ListSubmissions);
        account.MapGet("/submissions/{page:int}", ListSubmissions);
        account.MapGet("/submissions/{page:int}/{sort}", ListSubmissions);
        account.MapGet("/gallery_favorites", ListGalleryFavorites);
        account.MapGet("/gallery_favorites/{page:int}", ListGalleryFavorites);
        account.MapGet("/gallery_favorites/{page:int}/{sort}", ListGalleryFavorites);
        account.MapGet("/gallery_profile", GetGalleryProfile);

        account.MapGet("/favorites", ListFavorites);
        account.MapGet("/favorites/{page:int}", ListFavorites);
        account.MapGet("/favorites/{page:int}/{sort}", ListFavorites);
    }

    public static async Task<ImgurResult<AccountModel>> GetAccount(string username, HttpContext context, Caller caller, PicshelfDb db,
        PublicLinks links, CancellationToken cancellationToken)
    {
        var byId = context.Request.Query["account_id"].ToString();
        if (byId.Length > 0)
        {
            return int.TryParse(byId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var accountId)
                ? ImgurResult.Ok((await AccountLookup.FindByIdAsync(db, accountId, cancellationToken)).ToModel(links.BaseUrl(context)))
                : throw ApiException.BadRequest("account_id must be a whole number");
        }
        return ImgurResult.Ok((await AccountLookup.FindAsync(db, caller, username, cancellationToken)).ToModel(links.BaseUrl(context)));
    }

    /// <summary>The caller's own avatar URL and name (null when none is chosen).</summary>
    public static async Task<ImgurResult<AvatarModel>> GetAvatar(string username, HttpContext context, Caller caller, PicshelfDb db, PublicLinks links,
        CancellationToken cancellationToken)
    {
        var account = await AccountLookup.OwnAsync(db, caller, username, cancellationToken);
        return ImgurResult.Ok(new AvatarModel(AccountMapping.AvatarOf(account, links.BaseUrl(context)), account.AvatarName));
    }

    public static async Task<ImgurResult<AccountSettingsModel>> GetSettings(string username, Caller caller, PicshelfDb db, CancellationToken cancellationToken) =>
        ImgurResult.Ok((await AccountLookup.OwnAsync(db, caller, username, cancellationToken)).ToSettingsModel());

    public static async Task<ImgurResult<bool>> ChangeSettings(string username, HttpRequest request, Caller caller, PicshelfDb db,
        AccountSettings settings, CancellationToken cancellationToken)
    {
        var account = await AccountLookup.OwnAsync(db, caller, username, cancellationToken);
        await settings.ChangeAsync(account.Id, await RequestFields.ReadAsync(request, cancellationToken), cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<bool>> DeleteAccount(string username, HttpRequest request, Caller caller, PicshelfDb db,
        AccountDeletion deletion, CancellationToken cancellationToken)
    {
        var account = await AccountLookup.OwnAsync(db, caller, username, cancellationToken);
        var fields = await RequestFields.ReadBodyAsync(request, cancellationToken);
        await deletion.DeleteAsync(account.Id, fields.GetValueOrDefault("password"), cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<List<AlbumModel>>> ListAlbums(string username, Paging paging, HttpContext context, Caller caller, PicshelfDb db,
        AccountAlbums albums, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await albums.ListAsync(context, await AccountLookup.FindAsync(db, caller, username, cancellationToken), caller, paging, cancellationToken));

    public static async Task<ImgurResult<List<string>>> ListAlbumIds(string username, Paging paging, Caller caller, PicshelfDb db, AccountAlbums albums,
        CancellationToken cancellationToken) =>
        ImgurResult.Ok(await albums.IdsAsync(await AccountLookup.FindAsync(db, caller, username, cancellationToken), caller, paging, cancellationToken));

    public static async Task<ImgurResult<int>> CountAlbums(string username, Caller caller, PicshelfDb db, AccountAlbums albums, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await albums.CountAsync(await AccountLookup.FindAsync(db, caller, username, cancellationToken), caller, cancellationToken));

    public static async Task<ImgurResult<AlbumModel>> GetAlbum(string username, string albumId, HttpContext context, Caller caller, PicshelfDb db,
        AccountAlbums albums, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await albums.FindAsync(context, await AccountLookup.FindAsync(db, caller, username, cancellationToken), caller, albumId, cancellationToken));

    public static async Task<ImgurResult<bool>> DeleteAlbum(string username, string albumIdOrDeleteHash, Caller caller, PicshelfDb db, AccountAlbums albums,
        CancellationToken cancellationToken)
    {
        await albums.DeleteAsync(await AccountLookup.OwnAsync(db, caller, username, cancellationToken), albumIdOrDeleteHash, cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<List<CommentModel>>> ListComments(string username, string? sort, Paging paging, Caller caller, PicshelfDb db,
        AccountComments comments, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await comments.ListAsync(await AccountLookup.FindAsync(db, caller, username, cancellationToken), sort, paging, cancellationToken));

    public static async Task<ImgurResult<List<long>>> ListCommentIds(string username, string? sort, Paging paging, Caller caller, PicshelfDb db,
        AccountComments comments, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await comments.IdsAsync(await AccountLookup.FindAsync(db, caller, username, cancellationToken), sort, paging, cancellationToken));

    public static async Task<ImgurResult<int>> CountComments(string username, Caller caller, PicshelfDb db, AccountComments comments,
        CancellationToken cancellationToken) =>
        ImgurResult.Ok(await comments.CountAsync(await AccountLookup.FindAsync(db, caller, username, cancellationToken), cancellationToken));

    public static async Task<ImgurResult<CommentModel>> GetComment(string username, long commentId, Caller caller, PicshelfDb db, AccountComments comments,
        CancellationToken cancellationToken) =>
        ImgurResult.Ok(await comments.FindAsync(await AccountLookup.FindAsync(db, caller, username, cancellationToken), commentId, cancellationToken));

    public static async Task<ImgurResult<bool>> DeleteComment(string username, long commentId, Caller caller, PicshelfDb db, AccountComments comments,
        CancellationToken cancellationToken)
    {
        await comments.DeleteAsync(await AccountLookup.OwnAsync(db, caller, username, cancellationToken), commentId, cancellationToken);
        return ImgurResult.Ok(true);
    }

    /// <summary>Reply notifications; <c>new</c> defaults to true (only those not viewed yet).</summary>
    public static async Task<ImgurResult<List<ReplyNotificationModel>>> ListReplies(string username, HttpRequest request, Caller caller, PicshelfDb db,
        AccountComments comments, CancellationToken cancellationToken)
    {
        var account = await AccountLookup.OwnAsync(db, caller, username, cancellationToken);
        var onlyNew = request.Query["new"].ToString().ToLowerInvariant() switch
        {
            "" or "true" or "1" => true,
            "false" or "0" => false,
            _ => throw ApiException.BadRequest("new must be true or false"),
        };
        return ImgurResult.Ok(await comments.RepliesAsync(account, onlyNew, cancellationToken));
    }

    public static async Task<ImgurResult<List<GalleryImageModel>>> ListSubmissions(string username, string? sort, Paging paging, HttpContext context,
        Caller caller, PicshelfDb db, AccountGallery gallery, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await gallery.SubmissionsAsync(context, caller, await AccountLookup.FindAsync(db, caller, username, cancellationToken), sort, paging, cancellationToken));

    public static async Task<ImgurResult<List<GalleryImageModel>>> ListGalleryFavorites(string username, string? sort, Paging paging, HttpContext context,
        Caller caller, PicshelfDb db, AccountGallery gallery, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await gallery.FavoritesAsync(context, caller, await AccountLookup.FindAsync(db, caller, username, cancellationToken), sort, paging, cancellationToken));

    public static async Task<ImgurResult<GalleryProfileModel>> GetGalleryProfile(string username, Caller caller, PicshelfDb db, AccountGallery gallery,
        CancellationToken cancellationToken) =>
        ImgurResult.Ok(await gallery.ProfileAsync(await AccountLookup.FindAsync(db, caller, username, cancellationToken), cancellationToken));

    public static async Task<ImgurResult<bool>> FollowTag(string username, string tagName, Caller caller, PicshelfDb db, TagFollowing following,
        CancellationToken cancellationToken)
    {
        await following.FollowAsync((await AccountLookup.OwnAsync(db, caller, username, cancellationToken)).Id, tagName, cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<bool>> UnfollowTag(string username, string tagName, Caller caller, PicshelfDb db, TagFollowing following,
        CancellationToken cancellationToken)
    {
        await following.UnfollowAsync((await AccountLookup.OwnAsync(db, caller, username, cancellationToken)).Id, tagName, cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<bool>> IsEmailVerified(string username, Caller caller, PicshelfDb db, CancellationToken cancellationToken) =>
        ImgurResult.Ok((await AccountLookup.OwnAsync(db, caller, username, cancellationToken)).EmailVerifiedAt is not null);

    public static async Task<ImgurResult<bool>> SendVerificationEmail(string username, HttpRequest request, Caller caller, PicshelfDb db,
        EmailVerification verification, IOptions<WebOptions> web, CancellationToken cancellationToken)
    {
        var account = await AccountLookup.OwnAsync(db, caller, username, cancellationToken);
        await verification.SendAsync(account, web.Value.SiteBaseUrl(request), cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<List<ImageModel>>> ListImages(string username, Paging paging, HttpContext context, Caller caller,
        PicshelfDb db, PublicLinks links, ViewCounter views, CancellationToken cancellationToken)
    {
        var account = await AccountLookup.OwnAsync(db, caller, username, cancellationToken);
        var page = await db.Images.AsNoTracking().Where(i => i.AccountId == account.Id)
            .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Skip(paging.Skip).Take(paging.PerPage).ToListAsync(cancellationToken);
        var ids = page.Select(i => i.Id).ToList();
        var favorites = await db.ImageFavorites.Where(f => f.AccountId == account.Id && ids.Contains(f.ImageId)).Select(f => f.ImageId).ToListAsync(cancellationToken);
        return ImgurResult.Ok(page.Select(image => image.ToModel(links.DirectLink(context, image.Id, image.Type), account.Username,
            views.Pending(image.Id), favorites.Contains(image.Id), revealSecrets: true)).ToList());
    }

    public static async Task<ImgurResult<List<string>>> ListImageIds(string username, Paging paging, Caller caller, PicshelfDb db,
        CancellationToken cancellationToken)
    {
        var account = await AccountLookup.OwnAsync(db, caller, username, cancellationToken);
        return ImgurResult.Ok(await db.Images.Where(i => i.AccountId == account.Id)
            .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Skip(paging.Skip).Take(paging.PerPage).Select(i => i.Id).ToListAsync(cancellationToken));
    }

    public static async Task<ImgurResult<int>> CountImages(string username, Caller caller, PicshelfDb db, CancellationToken cancellationToken)
    {
        var account = await AccountLookup.OwnAsync(db, caller, username, cancellationToken);
        return ImgurResult.Ok(await db.Images.CountAsync(i => i.AccountId == account.Id, cancellationToken));
    }

    public static async Task<ImgurResult<ImageModel>> GetImage(string username, string imageId, HttpContext context, Caller caller, PicshelfDb db,
        ImageDirectory directory, ViewCounter views, PublicLinks links, CancellationToken cancellationToken)
    {
        var account = await AccountLookup.OwnAsync(db, caller, username, cancellationToken);
        var entry = await directory.FindAsync(imageId, cancellationToken);
        return entry?.Row.AccountId == account.Id
            ? await ImageEndpoints.GetImage(imageId, context, caller, directory, views, links, db, cancellationToken)
            : throw ImageAccess.NotFound(imageId);
    }

    public static async Task<ImgurResult<bool>> DeleteImage(string username, string deleteHash, Caller caller, PicshelfDb db, ImageRemoval removal,
        CancellationToken cancellationToken)
    {
        await AccountLookup.OwnAsync(db, caller, username, cancellationToken);
        return await ImageEndpoints.DeleteImage(deleteHash, caller, db, removal, cancellationToken);
    }

    /// <summary>
    /// The owner's favorited images and albums, <c>newest</c> (the default) or <c>oldest</c> first by when they were
    /// favorited: images as gallery images (the gallery's numbers null), albums as albums. imgurpython reads
    /// <c>is_album</c> on every item to tell them apart.
    /// </summary>
    public static async Task<ImgurResult<List<JsonElement>>> ListFavorites(string username, string? sort, Paging paging, HttpContext context,
        Caller caller, PicshelfDb db, PublicLinks links, ViewCounter views, AlbumPresenter albums, CancellationToken cancellationToken)
    {
        var account = await AccountLookup.OwnAsync(db, caller, username, cancellationToken);
        var order = ListSort.Parse(sort, ListSort.Newest, ListSort.Oldest);
        var favorites = db.ImageFavorites.Where(f => f.AccountId == account.Id).Select(f => new { Id = f.ImageId, IsAlbum = false, f.CreatedAt })
            .Concat(db.AlbumFavorites.Where(f => f.AccountId == account.Id).Select(f => new { Id = f.AlbumId, IsAlbum = true, f.CreatedAt }));
        var page = await ListSort.Order(favorites, order, f => f.CreatedAt, f => f.Id).Skip(paging.Skip).Take(paging.PerPage).ToListAsync(cancellationToken);

        var imageIds = page.Where(f => !f.IsAlbum).Select(f => f.Id).ToList();
        var images = await (
            from image in db.Images.AsNoTracking()
            where imageIds.Contains(image.Id)
            select new { Image = image, Owner = db.Accounts.Where(a => a.Id == image.AccountId).Select(a => a.Username).FirstOrDefault() })
            .ToDictionaryAsync(r => r.Image.Id, cancellationToken);
        var albumIds = page.Where(f => f.IsAlbum).Select(f => f.Id).ToList();
        var albumRows = await db.Albums.AsNoTracking().Where(a => albumIds.Contains(a.Id)).ToListAsync(cancellationToken);
        var albumModels = (await albums.ModelsAsync(context, caller, albumRows, withImages: false, cancellationToken)).ToDictionary(a => a.Id);

        var items = new List<JsonElement>(page.Count);
        foreach (var favorite in page)
        {
            if (favorite.IsAlbum && albumModels.TryGetValue(favorite.Id, out var album))
            {
                items.Add(JsonSerializer.SerializeToElement(album, ImgurJson.Default.AlbumModel));
            }
            else if (!favorite.IsAlbum && images.TryGetValue(favorite.Id, out var row))
            {
                var model = row.Image.ToModel(links.DirectLink(context, row.Image.Id, row.Image.Type), row.Owner, views.Pending(row.Image.Id),
                    favorite: true, revealSecrets: row.Image.AccountId == account.Id);
                items.Add(JsonSerializer.SerializeToElement(new GalleryImageModel(model), ImgurJson.Default.GalleryImageModel));
            }
        }
        return ImgurResult.Ok(items);
    }
}
