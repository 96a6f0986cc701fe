using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>
/// Tags as Tag models, any number in a few queries: followers, posts carrying them, and whether the caller follows them.
/// A popular tag's post count reads a large part of the gallery (a third of a million posts carry the most used tag of
/// a million), and every page of posts shows the counts of its tags, so counts and the list of the most used tags are
/// kept in memory for <see cref="GalleryOptions.TagCountSeconds"/>: a display count may lag that long.
/// </summary>
public sealed class TagPresenter(PicshelfDb db, IMemoryCache cache, IOptions<GalleryOptions> options)
{
    private TimeSpan CountLifetime => TimeSpan.FromSeconds(options.Value.TagCountSeconds);

    public async Task<Dictionary<string, TagModel>> ModelsAsync(Caller caller, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return [];
        }
        var tags = await db.Tags.AsNoTracking().Where(t => names.Contains(t.Name)).ToListAsync(cancellationToken);
        var followers = await db.TagFollows.Where(f => names.Contains(f.TagName)).GroupBy(f => f.TagName)
            .Select(g => new { Name = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Name, g => g.Count, cancellationToken);
        var posts = await PostCountsAsync(names, cancellationToken);
        var following = caller.AccountId is { } accountId
            ? await db.TagFollows.Where(f => f.AccountId == accountId && names.Contains(f.TagName)).Select(f => f.TagName).ToListAsync(cancellationToken)
            : [];
        return tags.ToDictionary(t => t.Name, t => new TagModel(t.Name, t.DisplayName, followers.GetValueOrDefault(t.Name), posts.GetValueOrDefault(t.Name),
            following.Contains(t.Name), null, ""));
    }

    /// <summary>The most used tags, by the posts anyone sees listed, the most used first.</summary>
    public async Task<List<string>> PopularAsync(int count, CancellationToken cancellationToken)
    {
        if (CountLifetime > TimeSpan.Zero && cache.TryGetValue((typeof(TagPresenter), count), out List<string>? cached) && cached is not null)
        {
            return cached;
        }
        var popular = await PublicPosts().GroupBy(t => t.TagName).Select(g => new { Name = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Name).Take(count).Select(g => g.Name).ToListAsync(cancellationToken);
        Remember((typeof(TagPresenter), count), popular);
        return popular;
    }

    /// <summary>How many posts anyone sees listed (none hidden or mature) carry each tag.</summary>
    private async Task<Dictionary<string, int>> PostCountsAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var name in names)
        {
            if (CountLifetime > TimeSpan.Zero && cache.TryGetValue((typeof(TagPresenter), name), out int count))
            {
                counts[name] = count;
            }
            else
            {
                missing.Add(name);
            }
        }
        if (missing.Count > 0)
        {
            var fresh = await PublicPosts().Where(t => missing.Contains(t.TagName)).GroupBy(t => t.TagName)
                .Select(g => new { Name = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Name, g => g.Count, cancellationToken);
            foreach (var name in missing)
            {
                counts[name] = fresh.GetValueOrDefault(name);
                Remember((typeof(TagPresenter), name), counts[name]);
            }
        }
        return counts;
    }

    private IQueryable<GalleryItemTag> PublicPosts() =>
        db.GalleryItemTags.Where(t => db.GalleryItems.Any(i => i.Id == t.ItemId && !i.Hidden && !i.Mature));

    private void Remember<T>(object key, T value)
    {
        if (CountLifetime > TimeSpan.Zero)
        {
            cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CountLifetime });
        }
    }
}
