namespace Picshelf.Comments;

/// <summary>
/// How many times the comments of a post have changed (written, voted on, deleted, their author renamed or deleted):
/// every process's <see cref="CommentTreeCache"/> keeps a post's thread while this stands. A row of its own rather than
/// a column of the post: it is the last row a comment's writer locks, so it adds no lock order to the ones before, and
/// it outlives the post leaving the gallery and coming back.
/// </summary>
public sealed class CommentThreadVersion
{
    public required string PostId { get; set; }
    public long Version { get; set; }
}
