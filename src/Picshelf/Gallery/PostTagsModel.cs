namespace Picshelf.Gallery;

/// <summary>The answer of <c>GET /3/gallery/{id}/tags</c>: <c>{"tags":[…]}</c>.</summary>
public sealed record PostTagsModel(IReadOnlyList<TagVoteModel> Tags);
