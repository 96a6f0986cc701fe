using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>
/// One vote per account per post: <c>up</c> or <c>down</c> replaces the account's vote, <c>veto</c> withdraws it. The
/// post's row is locked while its vote and tallies change (a row lock on PostgreSQL, shared by every process; a gate on
/// SQLite, which one process owns), so concurrent votes add up exactly, and its ranking is written with its tallies.
/// </summary>
public sealed class GalleryVoting(PicshelfDb db, IDatabaseDialect dialect, IOptions<GalleryOptions> options, TimeProvider time)
{
    public async Task VoteAsync(Caller caller, string id, string vote, CancellationToken cancellationToken)
    {
        var accountId = GalleryAccess.SignedIn(caller);
        var up = Votes.Parse(vote);
        await GalleryAccess.FindAsync(db, id, GalleryItemKind.Any, cancellationToken);

        await using var transaction = await dialect.BeginWriteAsync(db, cancellationToken);
        await GalleryAccess.HoldAccountAsync(db, dialect, accountId, cancellationToken);
        await using var itemLock = await dialect.LockGalleryItemAsync(db, id, cancellationToken);
        var item = await db.GalleryItems.SingleOrDefaultAsync(i => i.Id == id, cancellationToken) ?? throw GalleryAccess.NotFound(id);
        var previous = await db.GalleryVotes.SingleOrDefaultAsync(v => v.ItemId == id && v.AccountId == accountId, cancellationToken);
        if (previous?.Up == up)
        {
            return;
        }
        var (ups, downs) = Votes.Delta(previous?.Up, up);
        item.Ups += ups;
        item.Downs += downs;
        item.Score = item.Ups - item.Downs;
        item.HotScore = GalleryRanking.Hot(item.Ups, item.Downs, item.CreatedAt);
        item.InMostViral |= item.Score >= options.Value.ViralPoints;
        Votes.Record(db.GalleryVotes, previous, up, first => new GalleryVote { ItemId = id, AccountId = accountId, Up = first }, time.GetUtcNow().ToUnixTimeSeconds());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
