using System.Collections.Concurrent;

namespace Picshelf.Albums;

/// <summary>
/// One writer at a time per album in this process, for every change that reads an album's order and writes a
/// new one (editing, and uploads with <c>album=</c>). Several processes over one database need a row lock instead (issue 6).
/// </summary>
public static class AlbumLocks
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static async Task<IDisposable> EnterAsync(string albumId, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(albumId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
