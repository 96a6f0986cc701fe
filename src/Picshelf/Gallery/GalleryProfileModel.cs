namespace Picshelf.Gallery;

/// <summary>The totals of <c>GET /3/account/{username}/gallery_profile</c> (docs/imgur-compatibility.md §8.9). Picshelf awards no trophies.</summary>
public sealed record GalleryProfileModel(int TotalGalleryComments, int TotalGalleryFavorites, int TotalGallerySubmissions, IReadOnlyList<string> Trophies);
