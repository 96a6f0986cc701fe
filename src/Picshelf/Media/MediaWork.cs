namespace Picshelf.Media;

/// <summary>
/// Runs CPU-heavy image work (upload checks, re-encoding, thumbnails) at most one job per core at a
/// time, so a burst of large uploads or first thumbnail requests queues instead of starving requests
/// that need only a cached answer.
/// </summary>
public sealed class MediaWork : IDisposable
{
    private readonly SemaphoreSlim slots = new(Environment.ProcessorCount, Environment.ProcessorCount);

    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(work, CancellationToken.None);
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();
}
