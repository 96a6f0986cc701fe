using System.Text.Json;
using Microsoft.EntityFrameworkCore;
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
        gallery.MapGet("", ListGallery).AnswersWithoutCredentials();
        gallery.MapGet("/{section:regex(^(hot|top|user)$)}", ListGallery).AnswersWithoutCredentials();
        gallery.MapGet("/{section}/{sort}", ListGallery).AnswersWithoutCredentials();
        gallery.MapGet("/{section}/{sort}/{window}", ListGallery).AnswersWithoutCredentials();
        gallery.MapGet("/{section}/{sort}/{window}/{page}", ListGallery).AnswersWithoutCredentials();
        gallery.MapGet("/{id}", GetPost).AnswersWithoutCredentials();
        gallery.MapGet(Kind + "/{id}", GetPost).AnswersWithoutCredentials();
        gallery.MapPost("/{id}", Share);
        gallery.MapPost(Kind + "/{id}", Share);
        gallery.MapDelete("/{id}", RemovePost);
        gallery.MapPost("/{id}/vote/{vote}", Vote);
        gallery.MapGet("/{id}/votes", GetVotes).AnswersWithoutCredentials();
        gallery.MapPost("/{id}/report", Report);
        gallery.MapPost(Kind + "/{id}/report", Report);
        gallery.MapGet("/{id}/tags", GetPostTags).AnswersWithoutCredentials();
        gallery.MapPost("/tags/{id}", ReplaceTags);
        gallery.MapPost("/{id}/vote/tag/{tag}/{vote}", VoteOnTag);
        gallery.MapGet("/tag_info/{tag}", GetTag).AnswersWithoutCredentials();
        gallery.MapGet("/t/{tag}", ListTag).AnswersWithoutCredentials();
        gallery.MapGet("/t/{tag}/{sort}", ListTag).AnswersWithoutCredentials();
        gallery.MapGet("/t/{tag}/{sort}/{window}", ListTag).AnswersWithoutCredentials();
        gallery.MapGet("/t/{tag}/{sort}/{window}/{page}", ListTag).AnswersWithoutCredentials();
        app.MapGet("/3/tags", ListTags).AnswersWithoutCredentials();
        gallery.MapGet("/search", Search).AnswersWithoutCredentials();
        gallery.MapGet("/search/{sort}", Search).AnswersWithoutCredentials();
        gallery.MapGet("/search/{sort}/{window}", Search).AnswersWithoutCredentials();
        gallery.MapGet("/search/{sort}/{window}/{page}", Search).AnswersWithoutCredentials();
        gallery.MapGet("/r/{subreddit}", ListSubreddit).AnswersWithoutCredentials();
        gallery.MapGet("/r/{subreddit}/{sort:regex(^(time|top)$)}", ListSubreddit).AnswersWithoutCredentials();
        gallery.MapGet("/r/{subreddit}/{sort}/{window}", ListSubreddit).AnswersWithoutCredentials();
        gallery.MapGet("/r/{subreddit}/{sort}/{window}/{page}", ListSubreddit).AnswersWithoutCredentials();
        gallery.MapGet("/r/{subreddit}/{id}", GetSubredditPost).AnswersWithoutCredentials();
        gallery.MapGet("/random/random", ListRandom).AnswersWithoutCredentials();
        gallery.MapGet("/random/random/{page}", ListRandom).AnswersWithoutCredentials();

        var account = app.MapAccountRoutes();
        account.MapGet("/submissions", ListSubmissions).AnswersWithoutCredentials();
        account.MapGet("/submissions/" + Paging.RouteSegment, ListSubmissions).AnswersWithoutCredentials();
        account.MapGet("/submissions/" + Paging.RouteSegment + "/{sort}", ListSubmissions).AnswersWithoutCredentials();
        account.MapGet("/gallery_favorites", ListGalleryFavorites).AnswersWithoutCredentials();
        account.MapGet("/gallery_favorites/" + Paging.RouteSegment, ListGalleryFavorites).AnswersWithoutCredentials();
        account.MapGet("/gallery_favorites/" + Paging.RouteSegment + "/{sort}", ListGalleryFavorites).AnswersWithoutCredentials();
        account.MapGet("/gallery_profile", GetGalleryProfile).AnswersWithoutCredentials();
        account.MapGet("/favorites", ListFavorites);
        account.MapGet("/favorites/" + Paging.RouteSegment, ListFavorites);
        account.MapGet("/favorites/" + Paging.RouteSegment + "/{sort}", ListFavorites);
        account.MapPost("/follow/tag/{tagName}", FollowTag);
        account.MapDelete("/follow/tag/{tagName}", UnfollowTag);
    }

    public static async Task<ImgurResult<List<JsonElement>>> ListGallery(GalleryListRequest request, HttpContext context, Caller caller, GalleryLists lists,
        GalleryPresenter presenter, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await presenter.ModelsAsync(context, caller, await lists.PageAsync(request, caller, null, cancellationToken), request.AlbumPreviews,
            cancellationToken));

    public static async Task<ImgurResult<JsonElement>> GetPost(string id, string? kind, HttpContext context, Caller caller, PicshelfDb db,
        GalleryPresenter presenter, CancellationToken cancellationToken)
    {
        var item = await GalleryAccess.FindAsync(db, id, KindOf(kind), cancellationToken);
        return await PresentOneAsync(context, caller, item, presenter, cancellationToken);
    }

    /// <summary>One post with its album's images; one whose image or album is going away with it is not found.</summary>
    private static async Task<ImgurResult<JsonElement>> PresentOneAsync(HttpContext context, Caller caller, GalleryItem item, GalleryPresenter presenter,
        CancellationToken cancellationToken)
    {
        var models = await presenter.ModelsAsync(context, caller, [item], albumImages: true, cancellationToken);
        return models.Count == 1 ? ImgurResult.Ok(models[0]) : throw GalleryAccess.NotFound(item.Id);
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

    public static async Task<ImgurResult<PostTagsModel>> GetPostTags(string id, GalleryTagging tagging, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await tagging.TagsOfAsync(id, cancellationToken), GalleryJson.Default.PostTagsModel);

    /// <summary>The owner replaces the post's tags with <c>tags</c> (comma-separated, or repeated <c>tags[]</c>).</summary>
    public static async Task<ImgurResult<bool>> ReplaceTags(string id, HttpRequest request, Caller caller, GalleryTagging tagging,
        CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(request, cancellationToken);
        await tagging.ReplaceAsync(caller, id, TagNames.ListIn(fields), cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<bool>> VoteOnTag(string id, string tag, string vote, Caller caller, GalleryTagging tagging,
        CancellationToken cancellationToken)
    {
        await tagging.VoteAsync(caller, id, tag, vote, cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<TagModel>> GetTag(string tag, Caller caller, TagPresenter tags, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await FindTagAsync(tag, caller, tags, cancellationToken), GalleryJson.Default.TagModel);

    /// <summary>A tag with a page of its posts: sorted <c>viral</c>, <c>top</c> or <c>time</c>, within a window (a week by default).</summary>
    public static async Task<ImgurResult<TagModel>> ListTag(string tag, HttpContext context, Caller caller, TagPresenter tags, GalleryLists lists,
        GalleryPresenter presenter, CancellationToken cancellationToken)
    {
        var request = GalleryListRequest.ForTag(context);
        var model = await FindTagAsync(tag, caller, tags, cancellationToken);
        var page = await lists.PageAsync(request, caller, model.Name, cancellationToken);
        return ImgurResult.Ok(model with { Items = await presenter.ModelsAsync(context, caller, page, request.AlbumPreviews, cancellationToken) },
            GalleryJson.Default.TagModel);
    }

    /// <summary>
    /// Searches titles, descriptions, tags, submitters and subreddits with <c>q</c> (or the advanced parameters), sorted
    /// <c>time</c> (default), <c>viral</c> or <c>top</c>, within a window (all time by default).
    /// </summary>
    public static async Task<ImgurResult<List<JsonElement>>> Search(HttpContext context, Caller caller, GalleryLists lists, GalleryPresenter presenter,
        CancellationToken cancellationToken)
    {
        var request = GalleryListRequest.ForSearch(context);
        var query = SearchQuery.FromRequest(context.Request.Query);
        return ImgurResult.Ok(await presenter.ModelsAsync(context, caller, await lists.SearchAsync(request, caller, query, cancellationToken),
            request.AlbumPreviews, cancellationToken));
    }

    /// <summary>A subreddit section's posts: <c>time</c> (default) or <c>top</c>, within a window (a week by default).</summary>
    public static async Task<ImgurResult<List<JsonElement>>> ListSubreddit(string subreddit, HttpContext context, Caller caller, GalleryLists lists,
        GalleryPresenter presenter, CancellationToken cancellationToken)
    {
        var request = GalleryListRequest.ForSubreddit(context);
        var section = GallerySections.Parse(subreddit);
        return ImgurResult.Ok(await presenter.ModelsAsync(context, caller, await lists.PageAsync(request, caller, section, cancellationToken),
            request.AlbumPreviews, cancellationToken));
    }

    /// <summary>One post of a subreddit section; a post of another section is not found there.</summary>
    public static async Task<ImgurResult<JsonElement>> GetSubredditPost(string subreddit, string id, HttpContext context, Caller caller, PicshelfDb db,
        GalleryPresenter presenter, CancellationToken cancellationToken)
    {
        var section = GallerySections.Parse(subreddit);
        var item = await GalleryAccess.FindAsync(db, id, GalleryItemKind.Any, cancellationToken);
        return item.Section == section ? await PresentOneAsync(context, caller, item, presenter, cancellationToken) : throw GalleryAccess.NotFound(id);
    }

    /// <summary>The most used tags, the most used of all as <c>featured</c>.</summary>
    public static async Task<ImgurResult<TagsModel>> ListTags(Caller caller, TagPresenter tags, CancellationToken cancellationToken)
    {
        var names = await tags.PopularAsync(PopularTags, cancellationToken);
        var models = await tags.ModelsAsync(caller, names, cancellationToken);
        return ImgurResult.Ok(new TagsModel([.. names.Select(name => models[name])], names.FirstOrDefault(), []), GalleryJson.Default.TagsModel);
    }

    private const int PopularTags = 50;

    /// <summary>The tag with its counts, as its routes show it; the tag pages (Web) read it here too.</summary>
    public static async Task<TagModel> FindTagAsync(string tag, Caller caller, TagPresenter tags, CancellationToken cancellationToken) =>
        TagNames.TryNormalize(tag) is { } name && (await tags.ModelsAsync(caller, [name], cancellationToken)).TryGetValue(name, out var model)
            ? model
            : throw ApiException.NotFound("Tag does not exist");

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

    public static async Task<ImgurResult<GalleryProfileModel>> GetGalleryProfile(NamedAccount named, Caller caller, AccountGallery gallery,
        CancellationToken cancellationToken) =>
        ImgurResult.Ok(await gallery.ProfileAsync(caller, named.Account, cancellationToken), GalleryJson.Default.GalleryProfileModel);

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
