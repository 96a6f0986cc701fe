using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Picshelf.Storage;

/// <summary>Blobs as files under the data directory, written to a temporary file and renamed into place.</summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    private static readonly SearchValues<char> KeyCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_-.");

    private readonly string root;
    private readonly string temporary;
    private readonly TimeProvider time;

    public FileSystemBlobStore(IOptions<StorageOptions> options, TimeProvider time)
    {
        this.time = time;
        root = options.Value.BlobDirectory;
        temporary = Path.Combine(root, ".tmp");
        Directory.CreateDirectory(temporary);
    }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporaryPath = Path.Combine(temporary, Guid.NewGuid().ToString("N"));
        try
        {
            await using (var file = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
            }
            File.Move(temporaryPath, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporaryPath);
            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            Stream stream = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, useAsync: true);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception failure) when (failure is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    /// <summary>A file stream seeks already, and the file's own length is the truth.</summary>
    public Task<Stream?> OpenSeekableAsync(string key, long length, CancellationToken cancellationToken) => OpenReadAsync(key, cancellationToken);

    /// <summary>
    /// A blob that is not there is deleted already, as <see cref="File.Delete"/> has it for a missing file; its folder may be
    /// missing too (no thumbnail of that size was ever made in that shard), which File.Delete throws for.
    /// </summary>
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(PathOf(key));
        }
        catch (DirectoryNotFoundException)
        {
        }
        return Task.CompletedTask;
    }

    public string? LocalRelativePath(string key) => Path.GetRelativePath(root, PathOf(key)).Replace('\\', '/');

    public Task RemoveIncompleteWritesAsync(CancellationToken cancellationToken)
    {
        // Another process sharing the folder may be writing right now: only old files are abandoned.
        var abandoned = time.GetUtcNow().UtcDateTime - TimeSpan.FromHours(1);
        foreach (var file in new DirectoryInfo(temporary).EnumerateFiles().Where(f => f.LastWriteTimeUtc < abandoned))
        {
            file.Delete();
        }
        return Task.CompletedTask;
    }

    /// <param name="keyPrefix">A folder and the start of names in it, such as <c>originals/</c>: folders are sharded, so the prefix must name one.</param>
    public async IAsyncEnumerable<StoredBlob> ListAsync(string keyPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var slash = keyPrefix.LastIndexOf('/');
        if (slash <= 0)
        {
            throw new ArgumentException($"List a folder of blobs, such as originals/, not {keyPrefix}", nameof(keyPrefix));
        }
        var folder = Path.Combine(root, keyPrefix[..slash]);
        if (!Directory.Exists(folder))
        {
            yield break;
        }
        foreach (var shard in new DirectoryInfo(folder).EnumerateDirectories())
        {
            foreach (var file in shard.EnumerateFiles(keyPrefix[(slash + 1)..] + "*"))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var key = keyPrefix[..(slash + 1)] + file.Name;
                // Only a file where PathOf would put its key is a blob; anything else in the folder is not ours.
                if (IsValidKey(key) && string.Equals(PathOf(key), file.FullName, StringComparison.Ordinal))
                {
                    yield return new StoredBlob(key, file.Length, file.LastWriteTimeUtc);
                }
            }
            await Task.Yield();
        }
    }

    /// <summary>Spreads blobs over 62² folders by the first two characters of the image id.</summary>
    private string PathOf(string key)
    {
        if (!IsValidKey(key))
        {
            throw new ArgumentException($"Invalid blob key {key}", nameof(key));
        }
        var slash = key.LastIndexOf('/');
        var name = key[(slash + 1)..];
        var shard = name.Length >= 2 ? name[..2] : "_";
        return Path.Combine(root, key[..Math.Max(slash, 0)], shard, name);
    }

    private static bool IsValidKey(string key) =>
        key.Length > 0 && !key.AsSpan().ContainsAnyExcept(KeyCharacters) && !key.Contains("..", StringComparison.Ordinal);
}
