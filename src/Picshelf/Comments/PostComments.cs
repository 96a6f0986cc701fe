using Microsoft.EntityFrameworkCore;
using Picshelf.Data;
using Picshelf.Gallery;

namespace Picshelf.Comments;

/// <summary>The gallery's counts of live comments, per post (read through the comments' (post, parent) index) and per author.</summary>
public sealed class PostComments(PicshelfDb db) : IPostComments
{
    public Task<Dictionary<string, int>> CountsAsync(IReadOnlyCollection<string> postIds, CancellationToken cancellationToken) =>
        db.Comments.Where(c => postIds.Contains(c.ImageId) && !c.Deleted).GroupBy(c => c.ImageId)
            .Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);

    public Task<int> CountByAuthorAsync(int accountId, CancellationToken cancellationToken) =>
        db.Comments.CountAsync(c => c.AccountId == accountId && !c.Deleted, cancellationToken);
}
