using System.Text.Json;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>
/// The Gallery routes: its lists, its posts, sharing and votes; anyone reads, an account (Bearer) writes. And an
/// account's part in the gallery, under <c>/3/account/{username}</c>: its submissions, gallery favorites and totals
/// (anyone may read them), and what only the owner sees or changes: its favorites and the tags it follows.
/// </summary>
public static class GalleryEndpoints
{
    /// <summary><c>/gallery/image/{id}</c> and <c>/gallery/album/{id}</c> name a post of that kind; <c>/gallery/{id}</c> either.</summary>
    private const string Kind = "/{kind:regex(^(image|album)$)}";

    public static void MapGallery(this IEndpointRouteBuilder app)
    {
        var gallery = app.MapGroup("/3/gallery");
        gallery.MapGet("", ListGallery);
        gallery.MapGet("/{section:regex(^(hot|top|user)$)}", ListGallery);
        gallery.MapGet("/{section}/{sort}", ListGallery);
        gallery.MapGet("/{section}/{sort}/{window}", ListGallery);
        gallery.MapGet("/{section}/{sort}/{window}/{page}", ListGallery);
        gallery.MapGet("/{id}", GetPost);
        gallery.MapGet(Kind + "/{id}", GetPost);
        gallery.MapPost("/{id}", Share);
        gallery.MapPost(Kind + "/{id}", Share);
        gallery.MapDelete("/{id}", RemovePost);
        gallery.MapPost("/{id}/vote/{vote}", Vote);
        gallery.MapGet("/{id}/votes", GetVotes);
        gallery.MapPost("/{id}/report", Report);
        gallery.MapPost(Kind + "/{id}/report", Report);
        gallery.MapGet("/random/random", ListRandom);
        gallery.MapGet("/random/random/{page}", ListRandom);

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

    public static async Task<ImgurResult<List<JsonElement>>> ListGallery(GalleryListRequest request, HttpContext context, Caller caller, GalleryLists lists,
        GalleryPresenter presenter, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await presenter.ModelsAsync(context, caller, await lists.PageAsync(request, caller, cancellationToken), request.AlbumPreviews,
            cancellationToken));

    public static async Task<ImgurResult<JsonElement>> GetPost(string id, string? kind, HttpContext context, Caller caller, PicshelfDb db,
        GalleryPresenter presenter, CancellationToken cancellationToken)
    {
        var item = await GalleryAccess.FindAsync(db, id, KindOf(kind), cancellationToken);
        var models = await presenter.ModelsAsync(context, caller, [item], albumImages: true, cancellationToken);
        return models.Count == 1 ? ImgurResult.Ok(models[0]) : throw GalleryAccess.NotFound(id);
    }

    public static async Task<ImgurResult<bool>> Share(string id, string? kind, HttpRequest request, Caller caller, GallerySharing sharing,
        CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(request, cancellationToken);
        await sharing.ShareAsync(caller, id, KindOf(kind), fields, cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<bool>> RemovePost(string id, Caller caller, GallerySharing sharing, CancellationToken cancellationToken)
    {
        await sharing.RemoveAsync(caller, id, cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<bool>> Vote(string id, string vote, Caller caller, GalleryVoting voting, CancellationToken cancellationToken)
    {
        await voting.VoteAsync(caller, id, vote, cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<GalleryVotesModel>> GetVotes(string id, PicshelfDb db, CancellationToken cancellationToken)
    {
        var item = await GalleryAccess.FindAsync(db, id, GalleryItemKind.Any, cancellationToken);
        return ImgurResult.Ok(new GalleryVotesModel(item.Ups, item.Downs), GalleryJson.Default.GalleryVotesModel);
    }

    /// <summary>Reports a post, with the documented <c>reason</c> code or none: once per account.</summary>
    public static async Task<ImgurResult<bool>> Report(string id, string? kind, HttpRequest request, Caller caller, GalleryModeration moderation,
        CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(request, cancellationToken);
        await moderation.ReportAsync(caller, id, KindOf(kind), fields.GetValueOrDefault("reason"), cancellationToken);
        return ImgurResult.Ok(true);
    }

    /// <summary>A random page of the gallery (deprecated by Imgur, still called by imgurpython): the page only has to be well formed.</summary>
    public static async Task<ImgurResult<List<JsonElement>>> ListRandom(string? page, HttpContext context, Caller caller, GalleryLists lists,
        GalleryPresenter presenter, CancellationToken cancellationToken)
    {
        GalleryListRequest.PageOf(page);
        return ImgurResult.Ok(await presenter.ModelsAsync(context, caller, await lists.RandomAsync(cancellationToken), albumImages: false, cancellationToken));
    }

    private static GalleryItemKind KindOf(string? kind) => kind switch
    {
        "image" => GalleryItemKind.Image,
        "album" => GalleryItemKind.Album,
        _ => GalleryItemKind.Any,
    };

    public static async Task<ImgurResult<List<JsonElement>>> ListSubmissions(string? sort, Paging paging, NamedAccount named, HttpContext context,
        Caller caller, AccountGallery gallery, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await gallery.SubmissionsAsync(context, caller, named.Account, sort, paging, cancellationToken));

    public static async Task<ImgurResult<List<JsonElement>>> ListGalleryFavorites(string? sort, Paging paging, NamedAccount named, HttpContext context,
        Caller caller, AccountGallery gallery, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await gallery.FavoritesAsync(context, caller, named.Account, sort, paging, cancellationToken));

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
