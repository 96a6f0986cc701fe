using System.ComponentModel.DataAnnotations;

namespace Picshelf.Api;

/// <summary><c>Web:SiteName</c>: what this instance calls itself, which nobody else may call an account or an application.</summary>
public sealed class SiteNameOptions
{
    public const string Section = "Web";

    [Required(AllowEmptyStrings = false)]
    public string SiteName { get; set; } = "Picshelf";
}
