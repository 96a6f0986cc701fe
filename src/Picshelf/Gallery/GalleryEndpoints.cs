using System.Text.Json;
using Picshelf.Accounts;
using Picshelf.Api;

namespace Picshelf.Gallery;

/// <summary>
/// An account's part in the gallery, under <c>/3/account/{username}</c>: its submissions, gallery favorites and totals
/// (anyone may read them), and what only the owner sees or changes: its favorites and the tags it follows.
/// </summary>
public static class GalleryEndpoints
{
    public static void MapGallery(this IEndpointRouteBuilder app)
    {
        var account = app.MapAccountRoutes();
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
        account.MapPost("/follow/tag/{tagName}", FollowTag);
        account.MapDelete("/follow/tag/{tagName}", UnfollowTag);
    }

    public static async Task<ImgurResult<List<GalleryImageModel>>> ListSubmissions(string? sort, Paging paging, NamedAccount named, HttpContext context,
        Caller caller, AccountGallery gallery, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await gallery.SubmissionsAsync(context, caller, named.Account, sort, paging, cancellationToken), GalleryJson.Default.ListGalleryImageModel);

    public static async Task<ImgurResult<List<GalleryImageModel>>> ListGalleryFavorites(string? sort, Paging paging, NamedAccount named, HttpContext context,
        Caller caller, AccountGallery gallery, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await gallery.FavoritesAsync(context, caller, named.Account, sort, paging, cancellationToken), GalleryJson.Default.ListGalleryImageModel);

    public static async Task<ImgurResult<GalleryProfileModel>> GetGalleryProfile(NamedAccount named, AccountGallery gallery, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await gallery.ProfileAsync(named.Account, cancellationToken), GalleryJson.Default.GalleryProfileModel);

    public static async Task<ImgurResult<List<JsonElement>>> ListFavorites(string? sort, Paging paging, OwnAccount owner, HttpContext context, Caller caller,
        AccountFavorites favorites, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await favorites.ListAsync(context, caller, owner.Account, sort, paging, cancellationToken));

    public static async Task<ImgurResult<bool>> FollowTag(OwnAccount owner, string tagName, TagFollowing following, CancellationToken cancellationToken)
    {
        await following.FollowAsync(owner.Account.Id, tagName, cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<bool>> UnfollowTag(OwnAccount owner, string tagName, TagFollowing following, CancellationToken cancellationToken)
    {
        await following.UnfollowAsync(owner.Account.Id, tagName, cancellationToken);
        return ImgurResult.Ok(true);
    }
}
