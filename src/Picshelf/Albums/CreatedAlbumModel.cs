namespace Picshelf.Albums;

/// <summary>What album creation answers (docs/imgur-compatibility.md §1.3): the id and the deletehash only.</summary>
public sealed record CreatedAlbumModel(string Id, string Deletehash);
