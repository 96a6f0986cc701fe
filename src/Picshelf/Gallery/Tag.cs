namespace Picshelf.Gallery;

/// <summary>A gallery tag. Tags come into being with the gallery; until then there are none to follow.</summary>
public sealed class Tag
{
    /// <summary>Lower-case: tags are the same tag in any case.</summary>
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public long CreatedAt { get; set; }
}
