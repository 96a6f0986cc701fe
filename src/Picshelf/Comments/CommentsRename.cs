using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Data;

namespace Picshelf.Comments;

/// <summary>The author's name is in every thread the account wrote in: those threads are answered anew.</summary>
public sealed class CommentsRename(PicshelfDb db) : IAccountRenameListener
{
    public async Task AccountRenamedAsync(int accountId, CancellationToken cancellationToken) =>
        await CommentThreadVersions.BumpAsync(db,
            await db.Comments.Where(c => c.AccountId == accountId).Select(c => c.ImageId).Distinct().ToListAsync(cancellationToken), cancellationToken);
}
