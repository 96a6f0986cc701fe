using Microsoft.AspNetCore.OutputCaching;
using Picshelf.Albums;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Web;

/// <summary>
/// The album page as a signed-out reader gets it, kept by ASP.NET Core's output cache: the same for every such reader
/// (no favorite, no secret, no form), it costs three queries and fifty figures to render, and the cache serves it for
/// the price of a static file. Each kept page is tagged with its album and its images; when any process announces a
/// change to either (<see cref="AlbumChanges"/>, <see cref="ImageDirectory.Kind"/>: edits, deletions, images added or
/// removed, view counts written) the page is dropped at once, and once more a few seconds later, since a page being
/// rendered from rows read before the change may be kept just after the first drop. A change nobody announces (an empty
/// album of a deleted account, an operator's command run beside a server without Redis) shows for
/// <see cref="Lifetime"/> at most. Signed-in readers, and answers other than 200, are never kept (the output cache's
/// default policy).
/// </summary>
public sealed class AlbumPageCache
{
    public const string Policy = "album-page";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RenderGrace = TimeSpan.FromSeconds(5);
    private const string EveryPage = "album-page";

    private readonly IOutputCacheStore store;

    public AlbumPageCache(IOutputCacheStore store, CacheInvalidation invalidation)
    {
        this.store = store;
        invalidation.Listen(AlbumChanges.Kind, albumId => Drop(AlbumTag(albumId)), () => Drop(EveryPage));
        invalidation.Listen(ImageDirectory.Kind, imageId => Drop(ImageTag(imageId)), () => Drop(EveryPage));
    }

    public static void AddPolicy(OutputCacheOptions options) =>
        options.AddPolicy(Policy, policy => policy.Expire(Lifetime).Tag(EveryPage));

    /// <summary>Tags the page being rendered with what it shows, so that a change to any of it drops the page.</summary>
    public void Shows(HttpContext context, AlbumModel album)
    {
        if (context.Features.Get<IOutputCacheFeature>()?.Context.Tags is not { } tags)
        {
            return;
        }
        tags.Add(AlbumTag(album.Id));
        foreach (var image in album.Images ?? [])
        {
            tags.Add(ImageTag(image.Id));
        }
    }

    private static string AlbumTag(string albumId) => "album:" + albumId;

    private static string ImageTag(string imageId) => "image:" + imageId;

    /// <summary>At once (the memory store drops synchronously, so the next reader already renders afresh), then again.</summary>
    private void Drop(string tag) => _ = DropAsync(tag);

    private async Task DropAsync(string tag)
    {
        await store.EvictByTagAsync(tag, CancellationToken.None);
        await Task.Delay(RenderGrace);
        await store.EvictByTagAsync(tag, CancellationToken.None);
    }
}
