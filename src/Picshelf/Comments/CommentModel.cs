namespace Picshelf.Comments;

/// <summary>The Comment model (docs/imgur-compatibility.md §8.6); imgurpython also needs <c>children</c>.</summary>
public sealed record CommentModel(
    long Id,
    string ImageId,
    string Comment,
    string Author,
    int AuthorId,
    bool OnAlbum,
    string? AlbumCover,
    int Ups,
    int Downs,
    int Points,
    long Datetime,
    long ParentId,
    bool Deleted,
    string? Vote,
    string Platform,
    IReadOnlyList<CommentModel> Children);
