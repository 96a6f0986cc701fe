using System.ComponentModel.DataAnnotations;

namespace Picshelf.Gallery;

/// <summary>The <c>Gallery</c> section.</summary>
public sealed class GalleryOptions
{
    public const string Section = "Gallery";

    /// <summary>Net votes that take a post into the most viral list (<c>hot</c>, <c>in_most_viral</c>); it stays there after.</summary>
    [Range(1, int.MaxValue)]
    public int ViralPoints { get; set; } = 10;

    /// <summary>Distinct accounts whose reports take a post out of the public lists until an operator keeps or removes it.</summary>
    [Range(1, int.MaxValue)]
    public int ReportsToHide { get; set; } = 5;
}
