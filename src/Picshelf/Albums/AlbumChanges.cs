using Picshelf.Data;

namespace Picshelf.Albums;

/// <summary>
/// Tells every process, once a change is committed, that what an album shows changed: its details, its images or their
/// order, or the album itself is gone. Caches of what an album shows (the album page) listen to <see cref="Kind"/>;
/// changes to one of its images reach them as that image's <see cref="ImageDirectory.Kind"/>.
/// </summary>
public sealed class AlbumChanges(CacheInvalidation invalidation)
{
    public const string Kind = "album";

    public void Changed(string albumId) => invalidation.Forget(Kind, albumId);

    /// <summary>A held album lock that announces the change made under it when released (after the commit, or after a failure, when announcing costs a page one render).</summary>
    public IAsyncDisposable AnnouncedOnRelease(IAsyncDisposable albumLock, string albumId) => new Announcing(albumLock, () => Changed(albumId));

    private sealed class Announcing(IAsyncDisposable albumLock, Action announce) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await albumLock.DisposeAsync();
            announce();
        }
    }
}
