using System.Diagnostics.CodeAnalysis;
using Picshelf.Albums;

namespace Picshelf.Gallery;

/// <summary>An album in the gallery (docs/imgur-compatibility.md §8.5): every Album field, then the gallery's.</summary>
public sealed record GalleryAlbumModel : AlbumModel
{
    [SetsRequiredMembers]
    public GalleryAlbumModel(AlbumModel album, GalleryItem item, int commentCount, int favoriteCount, string? vote) : base(album)
    {
        Datetime = item.CreatedAt;
        Title = item.Title;
        Nsfw = item.Mature;
        InGallery = true;
        Ups = item.Ups;
        Downs = item.Downs;
        Points = item.Ups - item.Downs;
        Score = item.Score;
        Vote = vote;
        CommentCount = commentCount;
        FavoriteCount = favoriteCount;
        Topic = item.Topic;
        Section = item.Section;
        TopicId = item.TopicId;
        InMostViral = item.InMostViral;
    }

    public int Ups { get; init; }
    public int Downs { get; init; }
    public int Points { get; init; }
    public int Score { get; init; }
    public string? Vote { get; init; }
    public int CommentCount { get; init; }
    public int FavoriteCount { get; init; }
    public string? Topic { get; init; }
    public int? TopicId { get; init; }
    public bool InMostViral { get; init; }
    public IReadOnlyList<TagModel> Tags { get; init; } = [];
}
