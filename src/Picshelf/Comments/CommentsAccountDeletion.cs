using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Data;

namespace Picshelf.Comments;

/// <summary>
/// A deleted account's comments stay in their threads as deleted comments, so the replies below them stay reachable
/// (their author becomes null through the foreign key); its votes leave the comments' tallies, each comment counted
/// again under its lock; its reports and notifications go with it through their foreign keys.
/// </summary>
public sealed class CommentsAccountDeletion(PicshelfDb db, CommentVoting voting) : IAccountDeletionStep
{
    public async Task<Func<Task>> DeleteAsync(int accountId, CancellationToken cancellationToken)
    {
        await db.Comments.Where(c => c.AccountId == accountId).ExecuteUpdateAsync(set => set.SetProperty(c => c.Deleted, true).SetProperty(c => c.Text, ""),
            cancellationToken);
        var voted = await db.CommentVotes.Where(v => v.AccountId == accountId).Select(v => v.CommentId).OrderBy(id => id).ToListAsync(cancellationToken);
        await db.CommentVotes.Where(v => v.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        // In one order for every deletion, so two of them never wait for each other's comments.
        foreach (var commentId in voted)
        {
            await voting.RecountAsync(commentId, cancellationToken);
        }
        return () => Task.CompletedTask;
    }
}
