namespace Picshelf.Gallery;

/// <summary>A gallery tag: it comes into being the first time a post carries it.</summary>
public sealed class Tag
{
    /// <summary>Lower-case: tags are the same tag in any case.</summary>
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public long CreatedAt { get; set; }

    /// <summary>
    /// How many posts carry the tag (<c>total_items</c>). Counting a popular tag would read much of the gallery on every
    /// page that shows it, so the database keeps the count: triggers on <c>gallery_item_tags</c> (the GalleryTagCounts
    /// migrations) move it with every row added or removed, however the row goes (a retag, a post removed, an account
    /// deleted through foreign keys).
    /// </summary>
    public int PostCount { get; set; }
}
