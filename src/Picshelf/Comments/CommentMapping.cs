namespace Picshelf.Comments;

public static class CommentMapping
{
    /// <summary>The author shown for a comment whose account is gone.</summary>
    public const string DeletedAuthor = "[deleted]";

    /// <summary>A deleted comment keeps its place in a thread, so its replies stay reachable, but neither its words nor its author.</summary>
    /// <remarks>Without its replies (<c>children</c> empty): a thread writes them itself (<see cref="CommentTree"/>).</remarks>
    public static CommentModel ToModel(this Comment comment, string author, string? vote) => new(
        comment.Id, comment.ImageId, comment.Deleted ? "[deleted]" : comment.Text, comment.Deleted ? DeletedAuthor : author,
        comment.Deleted ? 0 : comment.AccountId ?? 0, comment.OnAlbum, comment.AlbumCover,
        comment.Ups, comment.Downs, comment.Ups - comment.Downs, comment.CreatedAt, comment.ParentId, comment.Deleted, vote, comment.Platform, []);
}
