using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Picshelf.Web;

/// <summary>How to use this instance from ShareX, Flameshot and curl, with its own address in every example.</summary>
public sealed class ToolsModel(PageLinks site) : PageModel
{
    public string BaseUrl { get; private set; } = "";

    public void OnGet() => BaseUrl = site.SiteBase(HttpContext);
}
