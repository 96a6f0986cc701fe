using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>Tags as Tag models, any number in a few queries: followers, posts carrying them (kept on the tag), and whether the caller follows them.</summary>
public sealed class TagPresenter(PicshelfDb db)
{
    public async Task<Dictionary<string, TagModel>> ModelsAsync(Caller caller, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return [];
        }
        var tags = await db.Tags.AsNoTracking().Where(t => names.Contains(t.Name)).ToListAsync(cancellationToken);
        var followers = await db.TagFollows.Where(f => names.Contains(f.TagName)).GroupBy(f => f.TagName)
            .Select(g => new { Name = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Name, g => g.Count, cancellationToken);
        var following = caller.AccountId is { } accountId
            ? await db.TagFollows.Where(f => f.AccountId == accountId && names.Contains(f.TagName)).Select(f => f.TagName).ToListAsync(cancellationToken)
            : [];
        return tags.ToDictionary(t => t.Name, t => new TagModel(t.Name, t.DisplayName, followers.GetValueOrDefault(t.Name), t.PostCount,
            following.Contains(t.Name), null, ""));
    }

    /// <summary>The most used tags, the most used first; a tag no post carries any more is not among them.</summary>
    public Task<List<string>> PopularAsync(int count, CancellationToken cancellationToken) =>
        db.Tags.Where(t => t.PostCount > 0).OrderByDescending(t => t.PostCount).ThenBy(t => t.Name).Take(count).Select(t => t.Name)
            .ToListAsync(cancellationToken);
}
