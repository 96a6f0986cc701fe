using System.Diagnostics.CodeAnalysis;
using Picshelf.Images;

namespace Picshelf.Gallery;

/// <summary>
/// An image in the gallery (docs/imgur-compatibility.md §8.5): every Image field, then the gallery's. <c>is_album</c> is what
/// imgurpython dispatches on, so it is always there.
/// </summary>
public sealed record GalleryImageModel : ImageModel
{
    /// <summary>An image that is not in the gallery, as favorites list them: the gallery's numbers are null.</summary>
    [SetsRequiredMembers]
    public GalleryImageModel(ImageModel image) : base(image)
    {
    }

    [SetsRequiredMembers]
    public GalleryImageModel(ImageModel image, GalleryItem item, int commentCount, int favoriteCount) : base(image)
    {
        Datetime = item.CreatedAt;
        Title = item.Title;
        Nsfw = item.Mature;
        InMostViral = item.InMostViral;
        InGallery = true;
        Ups = item.Ups;
        Downs = item.Downs;
        Points = item.Ups - item.Downs;
        Score = item.Score;
        CommentCount = commentCount;
        FavoriteCount = favoriteCount;
        Topic = item.Topic;
        Section = item.Section;
        TopicId = item.TopicId;
    }

    /// <summary>Tag objects, where the Image model has names; hides <see cref="ImageModel.Tags"/>.</summary>
    public new IReadOnlyList<TagModel> Tags { get; init; } = [];

    public int? Ups { get; init; }
    public int? Downs { get; init; }
    public int? Points { get; init; }
    public int? Score { get; init; }
    public bool IsAlbum { get; init; }
    public int? CommentCount { get; init; }
    public int? FavoriteCount { get; init; }
    public string? Topic { get; init; }
    public int? TopicId { get; init; }
}
