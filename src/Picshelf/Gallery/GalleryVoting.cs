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
        bool? up = vote switch
        {
            "up" => true,
            "down" => false,
            "veto" => null,
            _ => throw ApiException.BadRequest("The vote must be up, down or veto"),
        };
        await GalleryAccess.FindAsync(db, id, GalleryItemKind.Any, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var itemLock = await dialect.LockGalleryItemAsync(db, id, cancellationToken);
        var item = await db.GalleryItems.SingleOrDefaultAsync(i => i.Id == id, cancellationToken) ?? throw GalleryAccess.NotFound(id);
        var previous = await db.GalleryVotes.SingleOrDefaultAsync(v => v.ItemId == id && v.AccountId == accountId, cancellationToken);
        if (previous?.Up == up)
        {
            return;
        }
        item.Ups += (up == true ? 1 : 0) - (previous?.Up == true ? 1 : 0);
        item.Downs += (up == false ? 1 : 0) - (previous?.Up == false ? 1 : 0);
        item.Score = item.Ups - item.Downs;
        item.HotScore = GalleryRanking.Hot(item.Ups, item.Downs, item.CreatedAt);
        item.InMostViral |= item.Score >= options.Value.ViralPoints;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        switch (previous, up)
        {
            case (null, { } first):
                db.GalleryVotes.Add(new GalleryVote { ItemId = id, AccountId = accountId, Up = first, CreatedAt = now });
                break;
            case (not null, { } changed):
                previous.Up = changed;
                previous.CreatedAt = now;
                break;
            case (not null, null):
                db.GalleryVotes.Remove(previous);
                break;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
