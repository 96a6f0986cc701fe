namespace Picshelf.Comments;

public static class CommentMapping
{
    /// <summary>A deleted comment keeps its place in a thread, so its replies stay reachable, but not its words.</summary>
    public static CommentModel ToModel(this Comment comment, string author, IReadOnlyList<CommentModel>? children = null) => new(
        comment.Id, comment.ImageId, comment.Deleted ? "[deleted]" : comment.Text, author, comment.AccountId, comment.OnAlbum, comment.AlbumCover,
        comment.Ups, comment.Downs, comment.Ups - comment.Downs, comment.CreatedAt, comment.ParentId, comment.Deleted, null, comment.Platform, children ?? []);
}
