namespace Picshelf.Gallery;

/// <summary>A tag on one post with the votes on whether it fits, and who tagged it (<c>GET /3/gallery/{id}/tags</c>).</summary>
public sealed record TagVoteModel(string Name, int Ups, int Downs, string Author);
