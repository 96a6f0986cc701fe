namespace Picshelf.Gallery;

/// <summary>
/// What the gallery shows of the comments under its posts. Comments live under posts, so the Comments feature sits above
/// the gallery and answers this (docs/architecture.md, "Ports").
/// </summary>
public interface IPostComments
{
    /// <summary>
    /// The post of each live (not deleted) comment, once per comment: a query the gallery counts within its own, so a page's
    /// comment counts cost it no query of their own.
    /// </summary>
    IQueryable<string> LiveCommentPosts { get; }

    /// <summary>The account's live comments, for its gallery profile.</summary>
    Task<int> CountByAuthorAsync(int accountId, CancellationToken cancellationToken);
}
