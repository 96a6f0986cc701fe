using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>
/// A post's tags: its owner sets them (when sharing, or later, replacing them all), a tag comes into being the first
/// time it is used, and accounts vote on whether a tag fits. Changes hold the post's lock, as votes on the post do,
/// so tallies stay exact.
/// </summary>
public sealed class GalleryTagging(PicshelfDb db, IDatabaseDialect dialect, GallerySearch search, TimeProvider time)
{
    /// <summary>The owner replaces the post's tags (<paramref name="tags"/> as sent); tags it no longer carries lose their votes.</summary>
    public async Task ReplaceAsync(Caller caller, string id, string? tags, CancellationToken cancellationToken)
    {
        var accountId = GalleryAccess.SignedIn(caller);
        var named = TagNames.ParseList(tags ?? throw ApiException.BadRequest("Send the post's tags in tags"));
        await using var transaction = await dialect.BeginWriteAsync(db, cancellationToken);
        await using var itemLock = await dialect.LockGalleryItemAsync(db, id, cancellationToken);
        var item = await GalleryAccess.FindAsync(db, id, GalleryItemKind.Any, cancellationToken);
        if (item.AccountId != accountId)
        {
            throw ApiException.Forbidden("Only the owner can tag this post");
        }
        await SetAsync(id, accountId, named, cancellationToken);
        await search.IndexAsync(id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Inside the caller's transaction, holding the post's lock: the post carries exactly these tags afterwards.</summary>
    public async Task SetAsync(string itemId, int authorId, IReadOnlyList<TagNames.Named> tags, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        // Two posts may bring the same new tags at once: the first one creates each, and both insert in name order so
        // that neither waits for a tag the other holds while holding one it wants.
        foreach (var tag in tags.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO tags (\"Name\", \"DisplayName\", \"CreatedAt\") VALUES ({tag.Name}, {tag.DisplayName}, {now}) ON CONFLICT DO NOTHING",
                cancellationToken);
        }
        var wanted = tags.Select(t => t.Name).ToList();
        var carried = await db.GalleryItemTags.Where(t => t.ItemId == itemId).Select(t => t.TagName).ToListAsync(cancellationToken);
        await dialect.LockTagsAsync(db, [.. wanted, .. carried], cancellationToken);
        await db.GalleryItemTags.Where(t => t.ItemId == itemId && !wanted.Contains(t.TagName)).ExecuteDeleteAsync(cancellationToken);
        var kept = carried.Intersect(wanted).ToList();
        db.GalleryItemTags.AddRange(wanted.Except(kept).Order(StringComparer.Ordinal).Select(name => new GalleryItemTag { ItemId = itemId, TagName = name, AccountId = authorId, CreatedAt = now }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One vote per account on whether a tag fits a post; a new one replaces it.</summary>
    public async Task VoteAsync(Caller caller, string id, string tag, string vote, CancellationToken cancellationToken)
    {
        var accountId = GalleryAccess.SignedIn(caller);
        var up = vote switch
        {
            "up" => true,
            "down" => false,
            _ => throw ApiException.BadRequest("A tag vote must be up or down"),
        };
        var name = TagNames.TryNormalize(tag) ?? throw NotOnPost(tag);
        await GalleryAccess.FindAsync(db, id, GalleryItemKind.Any, cancellationToken);
        await using var transaction = await dialect.BeginWriteAsync(db, cancellationToken);
        await GalleryAccess.HoldAccountAsync(db, dialect, accountId, cancellationToken);
        await using var itemLock = await dialect.LockGalleryItemAsync(db, id, cancellationToken);
        var tagged = await db.GalleryItemTags.SingleOrDefaultAsync(t => t.ItemId == id && t.TagName == name, cancellationToken) ?? throw NotOnPost(tag);
        var previous = await db.GalleryTagVotes.SingleOrDefaultAsync(v => v.ItemId == id && v.TagName == name && v.AccountId == accountId, cancellationToken);
        if (previous?.Up == up)
        {
            return;
        }
        tagged.Ups += (up ? 1 : 0) - (previous?.Up == true ? 1 : 0);
        tagged.Downs += (up ? 0 : 1) - (previous?.Up == false ? 1 : 0);
        if (previous is null)
        {
            db.GalleryTagVotes.Add(new GalleryTagVote { ItemId = id, TagName = name, AccountId = accountId, Up = up });
        }
        else
        {
            previous.Up = up;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<PostTagsModel> TagsOfAsync(string id, CancellationToken cancellationToken)
    {
        await GalleryAccess.FindAsync(db, id, GalleryItemKind.Any, cancellationToken);
        var tags = await (
            from tagged in db.GalleryItemTags.AsNoTracking()
            where tagged.ItemId == id
            join author in db.Accounts on tagged.AccountId equals author.Id
            orderby tagged.Ups - tagged.Downs descending, tagged.TagName
            select new TagVoteModel(tagged.TagName, tagged.Ups, tagged.Downs, author.Username)).ToListAsync(cancellationToken);
        return new PostTagsModel(tags);
    }

    private static ApiException NotOnPost(string tag) => ApiException.NotFound($"The post has no tag {tag}");
}
