namespace Picshelf.Gallery;

/// <summary>A post a search matched on SQLite, with its place in time order (<see cref="GallerySearch.NewestFirst"/>).</summary>
public sealed class SearchHit
{
    /// <summary>The post's number in SQLite's index: larger for later sharing.</summary>
    public long Key { get; init; }
    public required string Id { get; init; }
    public bool Hidden { get; init; }
    public bool Mature { get; init; }
}
