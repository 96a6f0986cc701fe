using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>
/// Tags as Tag models, any number in one query: followers, posts carrying them (kept on the tag), and whether the caller
/// follows them. A page of posts gets its posts' tags and their models in that one query too.
/// </summary>
public sealed class TagPresenter(PicshelfDb db)
{
    public async Task<Dictionary<string, TagModel>> ModelsAsync(Caller caller, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return [];
        }
        var named = db.Tags.Where(t => names.Contains(t.Name)).Select(t => new Tagging { PostId = "", TagName = t.Name, Net = 0 });
        return (await Models(caller, named).ToListAsync(cancellationToken)).ToDictionary(m => m.Tag.Name, m => m.Tag);
    }

    /// <summary>Each post's tags, most voted up first (then by name), as Tag models.</summary>
    public async Task<ILookup<string, TagModel>> OfPostsAsync(Caller caller, IReadOnlyCollection<string> postIds, CancellationToken cancellationToken)
    {
        var tagged = db.GalleryItemTags.Where(t => postIds.Contains(t.ItemId)).Select(t => new Tagging { PostId = t.ItemId, TagName = t.TagName, Net = t.Ups - t.Downs });
        return (await Models(caller, tagged).ToListAsync(cancellationToken)).OrderByDescending(m => m.Net).ThenBy(m => m.Tag.Name, StringComparer.Ordinal)
            .ToLookup(m => m.PostId, m => m.Tag);
    }

    private IQueryable<TaggedModel> Models(Caller caller, IQueryable<Tagging> taggings)
    {
        var accountId = caller.AccountId;
        return from tagging in taggings
               join t in db.Tags on tagging.TagName equals t.Name
               select new TaggedModel(tagging.PostId, tagging.Net,
                   new TagModel(t.Name, t.DisplayName, db.TagFollows.Count(f => f.TagName == t.Name), t.PostCount,
                       accountId != null && db.TagFollows.Any(f => f.AccountId == accountId && f.TagName == t.Name), null, ""));
    }

    /// <summary>A tag on a post (or on none: <see cref="PostId"/> empty), set by member so that queries can join on it.</summary>
    private sealed class Tagging
    {
        public required string PostId { get; init; }
        public required string TagName { get; init; }
        public required int Net { get; init; }
    }

    private sealed record TaggedModel(string PostId, int Net, TagModel Tag);

    /// <summary>The most used tags, the most used first; a tag no post carries any more is not among them.</summary>
    public Task<List<string>> PopularAsync(int count, CancellationToken cancellationToken) =>
        db.Tags.Where(t => t.PostCount > 0).OrderByDescending(t => t.PostCount).ThenBy(t => t.Name).Take(count).Select(t => t.Name)
            .ToListAsync(cancellationToken);
}
