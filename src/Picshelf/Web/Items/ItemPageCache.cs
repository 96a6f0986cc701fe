using Microsoft.AspNetCore.OutputCaching;
using Picshelf.Albums;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Web;

/// <summary>
/// The image and album pages as a signed-out reader gets them, kept by ASP.NET Core's output cache: the same for every such
/// reader (no favorite, no secret, no form), an album page costs three queries and fifty figures to render, and the cache
/// serves either for the price of a static file. Each kept page is tagged with the album and images it shows; when any
/// process announces a change to one of them (<see cref="AlbumChanges"/>; <see cref="ImageDirectory.Kind"/>: an image's
/// edits, deletion, gallery post) the page is dropped at once, and once more a few seconds later, since a page being
/// rendered from rows read before the change may be kept just after the first drop. An image page also shows its views:
/// it is dropped when they are written (<see cref="ImageDirectory.CountsKind"/>), so its count is the one of its last
/// render, behind the API's by the views of one flush interval at most (<c>Media:ViewFlushInterval</c>); an album page,
/// which shows no count that changes, stays. A change nobody hears of (an operator's command run in its
/// own process beside a server without Redis) shows for <see cref="Lifetime"/> at most.
/// Signed-in readers, and answers other than 200, are never kept (the output cache's default policy).
/// </summary>
public sealed class ItemPageCache
{
    public const string Policy = "item-page";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RenderGrace = TimeSpan.FromSeconds(5);
    private const string EveryPage = "item-page";

    private readonly IOutputCacheStore store;

    public ItemPageCache(IOutputCacheStore store, CacheInvalidation invalidation)
    {
        this.store = store;
        invalidation.Listen(AlbumChanges.Kind, albumId => Drop(AlbumTag(albumId)), () => Drop(EveryPage));
        // One forgetAll drops every kept page; each listener's own would drop them again.
        invalidation.Listen(ImageDirectory.Kind, imageId => Drop(ImageTag(imageId)));
        invalidation.Listen(ImageDirectory.CountsKind, imageId => Drop(CountsTag(imageId)));
    }

    /// <summary>
    /// Keyed by the exact path: ids are case-sensitive (<c>/a/AbC1234</c> and <c>/a/abc1234</c> are two albums, or one and
    /// nothing), and the output cache's default, a case-insensitive key, served one item's page at the other's address.
    /// </summary>
    public static void Configure(OutputCacheOptions options)
    {
        options.UseCaseSensitivePaths = true;
        options.AddPolicy(Policy, policy => policy.Expire(Lifetime).Tag(EveryPage));
    }

    /// <summary>Tags the album page being rendered with what it shows, so that a change to any of it drops the page.</summary>
    public void ShowsAlbum(HttpContext context, AlbumModel album)
    {
        if (TagsOf(context) is not { } tags)
        {
            return;
        }
        tags.Add(AlbumTag(album.Id));
        foreach (var image in album.Images ?? [])
        {
            tags.Add(ImageTag(image.Id));
        }
    }

    /// <summary>Tags the image page being rendered with its image and, since it shows them, the image's view count.</summary>
    public void ShowsImage(HttpContext context, string imageId)
    {
        if (TagsOf(context) is { } tags)
        {
            tags.Add(ImageTag(imageId));
            tags.Add(CountsTag(imageId));
        }
    }

    private static HashSet<string>? TagsOf(HttpContext context) => context.Features.Get<IOutputCacheFeature>()?.Context.Tags;

    private static string AlbumTag(string albumId) => "album:" + albumId;

    private static string ImageTag(string imageId) => "image:" + imageId;

    private static string CountsTag(string imageId) => "image-counts:" + imageId;

    /// <summary>At once (the memory store drops synchronously, so the next reader already renders afresh), then again.</summary>
    private void Drop(string tag) => _ = DropAsync(tag);

    private async Task DropAsync(string tag)
    {
        await store.EvictByTagAsync(tag, CancellationToken.None);
        await Task.Delay(RenderGrace);
        await store.EvictByTagAsync(tag, CancellationToken.None);
    }
}
