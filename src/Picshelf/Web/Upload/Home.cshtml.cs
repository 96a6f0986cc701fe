using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Picshelf.Api;
using Picshelf.Images;
using Picshelf.OAuth;

namespace Picshelf.Web;

/// <summary>
/// The home page is the upload page. It uploads nothing itself: its script calls <c>POST /3/image</c> and
/// <c>POST /3/album</c> as any Imgur client does, through the site's application, so an upload from here is checked,
/// stored and charged exactly as one from the API. The page gives the script what it needs in <c>data-</c> attributes:
/// the application's id, a signed-in visitor's token (<see cref="UploadTokens"/>), the size limit the API enforces and
/// its message, and where the image and album pages are.
/// </summary>
public sealed class HomeModel(UploadTokens tokens, IOptions<UploadOptions> uploads, PageLinks links) : PageModel
{
    public string ClientId => SiteApplication.ClientId;
    public string? AccessToken { get; private set; }
    public long MaxImageBytes => uploads.Value.MaxImageBytes;
    public string TooLargeMessage => ApiException.TooLarge().Message;
    public string SiteBase => links.SiteBase(HttpContext);

    /// <summary>Whether the visitor arrives from deleting their account (<see cref="SettingsModel.DeletedLocation"/>), to be told it is done.</summary>
    public bool AccountDeleted { get; private set; }

    public async Task OnGetAsync(string? account, CancellationToken cancellationToken)
    {
        AccountDeleted = account == "deleted" && WebPages.AccountId(User) is null;
        if (WebPages.AccountId(User) is { } accountId)
        {
            AccessToken = await tokens.ForSessionAsync(HttpContext, accountId, cancellationToken);
        }
    }
}
