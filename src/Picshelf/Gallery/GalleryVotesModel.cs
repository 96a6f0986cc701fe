namespace Picshelf.Gallery;

/// <summary>The tallies of <c>GET /3/gallery/{id}/votes</c> (docs/imgur-compatibility.md §8).</summary>
public sealed record GalleryVotesModel(int Ups, int Downs);
