using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>Tags as Tag models, any number in one query: followers, posts carrying them (kept on the tag), and whether the caller follows them.</summary>
public sealed class TagPresenter(PicshelfDb db)
{
    public async Task<Dictionary<string, TagModel>> ModelsAsync(Caller caller, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return [];
        }
        var accountId = caller.AccountId;
        return await db.Tags.Where(t => names.Contains(t.Name))
            .Select(t => new TagModel(t.Name, t.DisplayName, db.TagFollows.Count(f => f.TagName == t.Name), t.PostCount,
                accountId != null && db.TagFollows.Any(f => f.AccountId == accountId && f.TagName == t.Name), null, ""))
            .ToDictionaryAsync(m => m.Name, cancellationToken);
    }

    /// <summary>The most used tags, the most used first; a tag no post carries any more is not among them.</summary>
    public Task<List<string>> PopularAsync(int count, CancellationToken cancellationToken) =>
        db.Tags.Where(t => t.PostCount > 0).OrderByDescending(t => t.PostCount).ThenBy(t => t.Name).Take(count).Select(t => t.Name)
            .ToListAsync(cancellationToken);
}
