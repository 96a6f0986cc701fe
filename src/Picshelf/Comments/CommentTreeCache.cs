using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Picshelf.Comments;

/// <summary>
/// The threads this process answered last, each kept while its post's <see cref="CommentThreadVersion"/> stands: a
/// reader reads the version (one primary-key read) and reuses the thread when it matches, so every process answers a
/// change as soon as it is committed. Bounded by <see cref="CommentOptions.TreeCacheMegabytes"/>.
/// </summary>
public sealed class CommentTreeCache(IOptions<CommentOptions> options) : IDisposable
{
    private readonly MemoryCache trees = new(new MemoryCacheOptions { SizeLimit = options.Value.TreeCacheMegabytes * 1024L * 1024, CompactionPercentage = 0.25 });

    public CommentTree? Find(string postId, long version) => trees.TryGetValue(postId, out CommentTree? tree) && tree!.Version == version ? tree : null;

    public void Keep(string postId, CommentTree tree) =>
        trees.Set(postId, tree, new MemoryCacheEntryOptions { Size = tree.Size, SlidingExpiration = TimeSpan.FromMinutes(10) });

    public void Dispose() => trees.Dispose();
}
