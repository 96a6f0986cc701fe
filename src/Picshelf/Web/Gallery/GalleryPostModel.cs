using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Picshelf.Api;
using Picshelf.Comments;
using Picshelf.Data;
using Picshelf.Gallery;

namespace Picshelf.Web;

/// <summary>
/// <c>/gallery/{id}</c>: one post as <c>GET /3/gallery/{id}</c> presents it, with its comment thread as
/// <c>GET /3/gallery/{id}/comments/best</c> writes it. A signed-in visitor votes and comments by form through the services
/// <c>POST /3/gallery/{id}/vote/{vote}</c> and <c>POST /3/comment</c> call, so their refusals are the API's, shown on the page.
/// A post the lists would not show this visitor (hidden by reports, or mature when they did not ask with
/// <c>mature=true</c> or their settings refuse it) is the 404 page.
/// </summary>
public sealed class GalleryPostModel(PicshelfDb db, GalleryLists lists, GalleryPresenter presenter, CommentThreads threads, GalleryVoting voting,
    CommentPosting posting, PageCallers callers, PageLinks links, IOptions<SiteNameOptions> site) : PageModel
{
    public GalleryPostView Post { get; private set; } = null!;
    public IReadOnlyList<CommentModel> Comments { get; private set; } = [];
    public ShareTags Share { get; private set; } = null!;
    public string? Error { get; private set; }

    public Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public Task<IActionResult> OnPostVoteAsync(string id, string? vote, CancellationToken cancellationToken) =>
        ChangeAsync(id, caller => voting.VoteAsync(caller, id, vote ?? "", cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCommentAsync(string id, string? comment, string? parentId, CancellationToken cancellationToken) =>
        ChangeAsync(id, async caller => await posting.CreateAsync(caller, id, comment, CommentPosting.ParentId(parentId), cancellationToken), cancellationToken);

    /// <summary>Signed out: the sign-in page, back here after. Done: the post again (so a reload does not post twice). Refused: the post with the reason.</summary>
    private async Task<IActionResult> ChangeAsync(string id, Func<Caller, Task> change, CancellationToken cancellationToken)
    {
        if (WebPages.AccountId(User) is null)
        {
            return Challenge(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = "/gallery/" + id });
        }
        if (await VisibleAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }
        try
        {
            await change(await callers.ChangingAsync(HttpContext, cancellationToken));
            return Redirect("/gallery/" + Uri.EscapeDataString(id) + (Request.Query["mature"] == "true" ? "?mature=true" : ""));
        }
        catch (ApiException refused)
        {
            Error = WebPages.Refuse(Response, refused);
        }
        return await ShowAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string id, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, cancellationToken) is not { } item)
        {
            return NotFound();
        }
        var caller = PageCallers.Reading(HttpContext);
        var models = await presenter.ModelsAsync(HttpContext, caller, [item], albumImages: true, cancellationToken);
        if (models.Count == 0)
        {
            return NotFound();
        }
        Post = GalleryPostView.Read(models[0]);
        var thread = await threads.OfPostAsync(caller, item.Id, CommentOrder.Best, cancellationToken);
        using (var envelope = JsonDocument.Parse(thread.Json))
        {
            Comments = envelope.RootElement.GetProperty("data").Deserialize(GalleryPageJson.Default.ListCommentModel) ?? [];
        }
        var page = $"{links.SiteBase(HttpContext)}/gallery/{Post.Id}";
        var shared = Post.IsAlbum ? links.AlbumPage(HttpContext, Post.Id) : links.ImagePage(HttpContext, Post.Id);
        Share = new ShareTags(Post.Heading, Post.Description, page, Post.Picture, links.OEmbed(HttpContext, shared), site.Value.SiteName, Listed: true);
        return Page();
    }

    /// <summary>The post, when the gallery's lists would show it to this visitor; the API's post route leaves that to its clients.</summary>
    private async Task<GalleryItem?> VisibleAsync(string id, CancellationToken cancellationToken)
    {
        GalleryItem item;
        try
        {
            item = await GalleryAccess.FindAsync(db, id, GalleryItemKind.Any, cancellationToken);
        }
        catch (ApiException)
        {
            return null;
        }
        var askedMature = Request.Query["mature"] == "true";
        return item.Hidden || (item.Mature && !await lists.ShowsMatureAsync(askedMature, PageCallers.Reading(HttpContext), cancellationToken)) ? null : item;
    }
}
