using Microsoft.EntityFrameworkCore;
using Picshelf.Data;
using Picshelf.Gallery;

namespace Picshelf.Comments;

/// <summary>The gallery's counts of live comments, per post (read through the comments' (post, parent) index) and per author.</summary>
public sealed class PostComments(PicshelfDb db) : IPostComments
{
    public IQueryable<string> LiveCommentPosts => db.Comments.Where(c => !c.Deleted).Select(c => c.ImageId);

    public Task<int> CountByAuthorAsync(int accountId, CancellationToken cancellationToken) =>
        db.Comments.CountAsync(c => c.AccountId == accountId && !c.Deleted, cancellationToken);
}
