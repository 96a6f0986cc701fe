using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Gallery;

namespace Picshelf.Comments;

/// <summary>
/// One vote per account per comment, as on posts (<see cref="Votes"/>). The comment's row is locked while its vote and tallies change (a row lock on PostgreSQL, shared by
/// every process; a gate on SQLite), so concurrent votes add up exactly.
/// </summary>
public sealed class CommentVoting(PicshelfDb db, IDatabaseDialect dialect, TimeProvider time)
{
    public async Task VoteAsync(Caller caller, long commentId, string vote, CancellationToken cancellationToken)
    {
        var accountId = GalleryAccess.SignedIn(caller);
        var up = Votes.Parse(vote);
        await using var transaction = await dialect.BeginWriteAsync(db, cancellationToken);
        await GalleryAccess.HoldAccountAsync(db, dialect, accountId, cancellationToken);
        await using var commentLock = await dialect.LockCommentAsync(db, commentId, cancellationToken);
        var comment = await db.Comments.SingleOrDefaultAsync(c => c.Id == commentId && !c.Deleted, cancellationToken) ?? throw CommentPosting.NotFound(commentId);
        var previous = await db.CommentVotes.SingleOrDefaultAsync(v => v.CommentId == commentId && v.AccountId == accountId, cancellationToken);
        if (previous?.Up == up)
        {
            return;
        }
        var (ups, downs) = Votes.Delta(previous?.Up, up);
        comment.Ups += ups;
        comment.Downs += downs;
        Votes.Record(db.CommentVotes, previous, up, first => new CommentVote { CommentId = commentId, AccountId = accountId, Up = first },
            time.GetUtcNow().ToUnixTimeSeconds());
        await db.SaveChangesAsync(cancellationToken);
        await CommentThreadVersions.BumpAsync(db, [comment.ImageId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Counts the comment's tallies again from its votes, for votes that go without a vote request (a deleted
    /// account's). The caller holds the comment's lock.
    /// </summary>
    public async Task RecountAsync(long commentId, CancellationToken cancellationToken) =>
        await db.Comments.Where(c => c.Id == commentId).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.Ups, c => db.CommentVotes.Count(v => v.CommentId == c.Id && v.Up))
            .SetProperty(c => c.Downs, c => db.CommentVotes.Count(v => v.CommentId == c.Id && !v.Up)), cancellationToken);
}
