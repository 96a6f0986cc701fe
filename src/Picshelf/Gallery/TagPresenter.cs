using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>Tags as Tag models, any number in a few queries: followers, posts carrying them, and whether the caller follows them.</summary>
public sealed class TagPresenter(PicshelfDb db)
{
    /// <summary>A tag's posts as its count and the popular tags reckon them: those any caller sees listed, none hidden or mature.</summary>
    public static IQueryable<GalleryItemTag> PublicPosts(PicshelfDb db) =>
        db.GalleryItemTags.Where(t => db.GalleryItems.Any(i => i.Id == t.ItemId && !i.Hidden && !i.Mature));

    public async Task<Dictionary<string, TagModel>> ModelsAsync(Caller caller, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return [];
        }
        var tags = await db.Tags.AsNoTracking().Where(t => names.Contains(t.Name)).ToListAsync(cancellationToken);
        var followers = await db.TagFollows.Where(f => names.Contains(f.TagName)).GroupBy(f => f.TagName)
            .Select(g => new { Name = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Name, g => g.Count, cancellationToken);
        var posts = await PublicPosts(db).Where(t => names.Contains(t.TagName)).GroupBy(t => t.TagName)
            .Select(g => new { Name = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Name, g => g.Count, cancellationToken);
        var following = caller.AccountId is { } accountId
            ? await db.TagFollows.Where(f => f.AccountId == accountId && names.Contains(f.TagName)).Select(f => f.TagName).ToListAsync(cancellationToken)
            : [];
        return tags.ToDictionary(t => t.Name, t => new TagModel(t.Name, t.DisplayName, followers.GetValueOrDefault(t.Name), posts.GetValueOrDefault(t.Name),
            following.Contains(t.Name), null, ""));
    }
}
