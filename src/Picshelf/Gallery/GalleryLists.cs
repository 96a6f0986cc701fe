using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>
/// The gallery's lists. <c>hot</c> holds the posts that reached the most viral list; <c>user</c> every post (without
/// the viral ones when <c>showViral=false</c>); <c>top</c> every post shared within the window. Sorts: <c>viral</c> by
/// <see cref="GalleryRanking.Hot"/>, <c>top</c> by net votes, <c>time</c> newest first, and <c>rising</c> (user only)
/// the posts of the last day by rank. Each order reads an index, so page 100 costs what page 1 does. Mature posts
/// are listed only when the request says <c>mature=true</c> and a signed-in caller's <c>show_mature</c> allows them.
/// </summary>
public sealed class GalleryLists(PicshelfDb db, GallerySearch search, TimeProvider time)
{
    private static readonly TimeSpan RisingAge = TimeSpan.FromDays(1);

    /// <param name="within">For a tag's or a subreddit's page, the tag or the section: only its posts, within the window, as <c>top</c> is.</param>
    public Task<List<GalleryItem>> PageAsync(GalleryListRequest request, Caller caller, string? within, CancellationToken cancellationToken) =>
        request.Section == GalleryListRequest.TagSection
            ? TagPageAsync(request, caller, within!, cancellationToken)
            : PageOfAsync(db.GalleryItems, request, caller, within, cancellationToken);

    /// <summary>The posts a search matches, sorted and windowed as the request says.</summary>
    public async Task<List<GalleryItem>> SearchAsync(GalleryListRequest request, Caller caller, SearchNode query, CancellationToken cancellationToken)
    {
        if (request.Sort != "time" || search.NewestFirst(query, Since(request)) is not { } hits)
        {
            return await PageOfAsync(search.Matching(query), request, caller, null, cancellationToken);
        }
        // The index hands its matches over newest first, so the page reads as far as its own last post and no further.
        hits = hits.Where(h => !h.Hidden);
        if (!await ShowsMatureAsync(request.Mature, caller, cancellationToken))
        {
            hits = hits.Where(h => !h.Mature);
        }
        return await RowsAsync(hits.OrderByDescending(h => h.Key).Skip(request.Page * GalleryListRequest.PageSize).Take(GalleryListRequest.PageSize), h => h.Id,
            cancellationToken);
    }

    private async Task<List<GalleryItem>> PageOfAsync(IQueryable<GalleryItem> source, GalleryListRequest request, Caller caller, string? within,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var items = source.AsNoTracking().Where(i => !i.Hidden);
        if (!await ShowsMatureAsync(request.Mature, caller, cancellationToken))
        {
            items = items.Where(i => !i.Mature);
        }
        if (request.Section == GalleryListRequest.SubredditSection)
        {
            items = items.Where(i => i.Section == within);
        }
        switch (request.Section)
        {
            case "hot":
                items = items.Where(i => i.InMostViral);
                break;
            case "top" or GalleryListRequest.SubredditSection or GalleryListRequest.SearchSection when Since(request) is { } since:
                items = items.Where(i => i.CreatedAt >= since);
                break;
            case "user" when !request.ShowViral:
                items = items.Where(i => !i.InMostViral);
                break;
        }
        if (request.Sort == "rising")
        {
            // The day's posts are read from the rank index between the top and the lowest rank a post of the day can have,
            // so a page past the day's end stops there instead of reading every older post. The day is tested as
            // `CreatedAt + 0` so that no planner reads the time index instead and sorts the whole day: PostgreSQL estimates
            // the day's posts as spread evenly through the rank order, when rank grows with time and they lead it
            // (at a million posts, page 100 took 10-35 ms that way and 3-9 ms from the rank index).
            var since = (now - RisingAge).ToUnixTimeSeconds();
            var lowestNet = await db.GalleryItems.MinAsync(i => (int?)i.Score, cancellationToken) ?? 0;
            var floor = GalleryRanking.HotFloor(since, lowestNet);
            items = items.Where(i => i.HotScore >= floor && i.CreatedAt + 0 >= since);
        }
        var ordered = request.Sort switch
        {
            "top" => items.OrderByDescending(i => i.Score).ThenByDescending(i => i.CreatedAt),
            "time" => items.OrderByDescending(i => i.CreatedAt),
            _ => items.OrderByDescending(i => i.HotScore),
        };
        return await RowsAsync(ordered.ThenByDescending(i => i.Id).Skip(request.Page * GalleryListRequest.PageSize).Take(GalleryListRequest.PageSize), i => i.Id,
            cancellationToken);
    }

    /// <summary>A tag's page, from the tag's rows alone: they carry their post's ranking and flags (<see cref="GalleryItemTag"/>).</summary>
    private async Task<List<GalleryItem>> TagPageAsync(GalleryListRequest request, Caller caller, string tag, CancellationToken cancellationToken)
    {
        var tagged = db.GalleryItemTags.AsNoTracking().Where(t => t.TagName == tag && !t.PostHidden);
        if (!await ShowsMatureAsync(request.Mature, caller, cancellationToken))
        {
            tagged = tagged.Where(t => !t.PostMature);
        }
        if (Since(request) is { } since)
        {
            tagged = tagged.Where(t => t.PostCreatedAt >= since);
        }
        var ordered = request.Sort switch
        {
            "top" => tagged.OrderByDescending(t => t.PostScore).ThenByDescending(t => t.PostCreatedAt),
            "time" => tagged.OrderByDescending(t => t.PostCreatedAt),
            _ => tagged.OrderByDescending(t => t.PostHotScore),
        };
        return await RowsAsync(ordered.ThenByDescending(t => t.ItemId).Skip(request.Page * GalleryListRequest.PageSize).Take(GalleryListRequest.PageSize),
            t => t.ItemId, cancellationToken);
    }

    /// <summary>
    /// The posts of a page, in the page's order, in one query: the page is read from an index that covers its order
    /// and filters, and only its own rows are read whole (reading rows in order would read every row before the page).
    /// </summary>
    private Task<List<GalleryItem>> RowsAsync<TEntry>(IQueryable<TEntry> page, Expression<Func<TEntry, string>> postId, CancellationToken cancellationToken) =>
        page.Join(db.GalleryItems.AsNoTracking(), postId, i => i.Id, (_, item) => item).ToListAsync(cancellationToken);

    /// <summary>
    /// Where the window starts, or null when it narrows nothing. The <c>top</c> section keeps to it whatever its sort; a
    /// tag's, a subreddit's or a search's list only when sorted by <c>top</c>, as the spec says of the last two
    /// (imgurpython sends a window only then), so their newest-first and viral lists reach every post.
    /// </summary>
    private long? Since(GalleryListRequest request) =>
        request.Window == "all" || (request.Section != "top" && request.Sort != "top") ? null
        : (time.GetUtcNow() - WindowLength(request.Window)).ToUnixTimeSeconds();

    /// <summary>
    /// A page of posts in no order, mature and hidden ones left out. Ids are drawn at random, so the posts whose ids follow a
    /// random id are a random sample, read as one range of the primary key (wrapping round to the first ids) rather than
    /// by sorting every post by a random number, which took 1.3 s at a million posts on PostgreSQL.
    /// </summary>
    public async Task<List<GalleryItem>> RandomAsync(CancellationToken cancellationToken)
    {
        var start = IdGenerator.NewId();
        var listed = db.GalleryItems.AsNoTracking().Where(i => !i.Hidden && !i.Mature);
        var page = await listed.Where(i => string.Compare(i.Id, start) >= 0).OrderBy(i => i.Id).Take(GalleryListRequest.PageSize).ToListAsync(cancellationToken);
        if (page.Count < GalleryListRequest.PageSize)
        {
            page.AddRange(await listed.Where(i => string.Compare(i.Id, start) < 0).OrderBy(i => i.Id).Take(GalleryListRequest.PageSize - page.Count)
                .ToListAsync(cancellationToken));
        }
        Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(page));
        return page;
    }

    /// <summary>Mature posts are shown when they are asked for (<c>mature=true</c>) and a signed-in caller's <c>show_mature</c> allows them.</summary>
    public async Task<bool> ShowsMatureAsync(bool asked, Caller caller, CancellationToken cancellationToken) =>
        asked && (caller.AccountId is not { } accountId
            || await db.Accounts.Where(a => a.Id == accountId).Select(a => a.ShowMature).SingleOrDefaultAsync(cancellationToken));

    private static TimeSpan WindowLength(string window) => window switch
    {
        "day" => TimeSpan.FromDays(1),
        "week" => TimeSpan.FromDays(7),
        "month" => TimeSpan.FromDays(30),
        _ => TimeSpan.FromDays(365),
    };
}
