using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>Following and unfollowing a tag, with Imgur's answers: 404 "Tag does not exist", 409 "Not following tag".</summary>
public sealed class TagFollowing(PicshelfDb db, TimeProvider time)
{
    public async Task FollowAsync(int accountId, string tagName, CancellationToken cancellationToken)
    {
        var name = await ExistingAsync(tagName, cancellationToken);
        if (await db.TagFollows.AnyAsync(f => f.AccountId == accountId && f.TagName == name, cancellationToken))
        {
            return;
        }
        db.TagFollows.Add(new TagFollow { AccountId = accountId, TagName = name, CreatedAt = time.GetUtcNow().ToUnixTimeSeconds() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent follow of the same tag got there first: the account follows it either way.
            if (!await db.TagFollows.AsNoTracking().AnyAsync(f => f.AccountId == accountId && f.TagName == name, cancellationToken))
            {
                throw;
            }
        }
    }

    public async Task UnfollowAsync(int accountId, string tagName, CancellationToken cancellationToken)
    {
        var name = await ExistingAsync(tagName, cancellationToken);
        var removed = await db.TagFollows.Where(f => f.AccountId == accountId && f.TagName == name).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            throw ApiException.Conflict("Not following tag");
        }
    }

    private async Task<string> ExistingAsync(string tagName, CancellationToken cancellationToken)
    {
        var name = TagNames.TryNormalize(tagName);
        return name is not null && await db.Tags.AnyAsync(t => t.Name == name, cancellationToken)
            ? name
            : throw ApiException.NotFound("Tag does not exist");
    }
}
