namespace Picshelf.Gallery;

/// <summary>What a gallery route names: <c>/gallery/image/{id}</c>, <c>/gallery/album/{id}</c>, or <c>/gallery/{id}</c> for either.</summary>
public enum GalleryItemKind
{
    Any,
    Image,
    Album,
}
