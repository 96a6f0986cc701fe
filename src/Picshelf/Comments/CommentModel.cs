namespace Picshelf.Comments;

/// <summary>The Comment model of spec/models.md §2.5; imgurpython also needs <c>children</c>.</summary>
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

/// <summary>A reply notification (models.md §2.10): the reply is its content.</summary>
public sealed record ReplyNotificationModel(long Id, int AccountId, bool Viewed, CommentModel Content);

public static class CommentMapping
{
    /// <summary>A deleted comment keeps its place in a thread, so its replies stay reachable, but not its words.</summary>
    public static CommentModel ToModel(this Comment comment, string author, IReadOnlyList<CommentModel>? children = null) => new(
        comment.Id, comment.ImageId, comment.Deleted ? "[deleted]" : comment.Text, author, comment.AccountId, comment.OnAlbum, comment.AlbumCover,
        comment.Ups, comment.Downs, comment.Ups - comment.Downs, comment.CreatedAt, comment.ParentId, comment.Deleted, null, comment.Platform, children ?? []);
}
