namespace Picshelf.Gallery;

/// <summary>
/// The answer of <c>GET /3/tags</c>: the most used tags, the one <c>featured</c> (the most used, or null while there are
/// none), and <c>galleries</c>, Imgur's topic galleries, which Picshelf does not have (always empty).
/// </summary>
public sealed record TagsModel(IReadOnlyList<TagModel> Tags, string? Featured, IReadOnlyList<string> Galleries);
