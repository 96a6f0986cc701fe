namespace Picshelf.Gallery;

/// <summary>
/// What the gallery shows of the comments under its posts. Comments live under posts, so the Comments feature sits above
/// the gallery and answers this (docs/architecture.md, "Ports").
/// </summary>
public interface IPostComments
{
    /// <summary>The live (not deleted) comments on each post; posts without any are left out.</summary>
    Task<Dictionary<string, int>> CountsAsync(IReadOnlyCollection<string> postIds, CancellationToken cancellationToken);

    /// <summary>The account's live comments, for its gallery profile.</summary>
    Task<int> CountByAuthorAsync(int accountId, CancellationToken cancellationToken);
}
