using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Data;

namespace Picshelf.Comments;

/// <summary>
/// A deleted account's comments stay in their threads as deleted comments, so the replies below them stay reachable
/// (their author becomes null through the foreign key); its votes leave the comments' tallies, each comment counted
/// again under its lock; its reports and notifications go with it through their foreign keys.
/// </summary>
public sealed class CommentsAccountDeletion(PicshelfDb db, IDatabaseDialect dialect, CommentVoting voting) : IAccountDeletionStep
{
    public async Task<Func<Task>> DeleteAsync(int accountId, CancellationToken cancellationToken)
    {
        var voted = await db.CommentVotes.Where(v => v.AccountId == accountId).Select(v => v.CommentId).ToListAsync(cancellationToken);
        var written = await db.Comments.Where(c => c.AccountId == accountId).Select(c => c.Id).ToListAsync(cancellationToken);
        var changed = voted.Union(written).Order().ToList();
        await using var locks = await HeldLocks.TakeAsync(changed, id => dialect.LockCommentAsync(db, id, cancellationToken));
        await db.Comments.Where(c => c.AccountId == accountId).ExecuteUpdateAsync(set => set.SetProperty(c => c.Deleted, true).SetProperty(c => c.Text, ""),
            cancellationToken);
        await db.CommentVotes.Where(v => v.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        foreach (var commentId in voted)
        {
            await voting.RecountAsync(commentId, cancellationToken);
        }
        await CommentThreadVersions.BumpAsync(db,
            await db.Comments.Where(c => changed.Contains(c.Id)).Select(c => c.ImageId).Distinct().ToListAsync(cancellationToken), cancellationToken);
        return () => Task.CompletedTask;
    }
}
