using Picshelf.Telemetry;

namespace Picshelf.Media;

/// <summary>
/// Runs CPU-heavy image work (upload checks, re-encoding, thumbnails) at most one job per core at a
/// time, so a burst of large uploads or first thumbnail requests queues instead of starving requests
/// that need only a cached answer. How many wait is the gauge <c>picshelf.media_work.waiting</c>.
/// </summary>
public sealed class MediaWork : IDisposable
{
    private readonly SemaphoreSlim slots = new(Environment.ProcessorCount, Environment.ProcessorCount);
    private int waiting;

    public MediaWork(PicshelfMetrics metrics) =>
        metrics.Meter.CreateObservableGauge("picshelf.media_work.waiting", () => Volatile.Read(ref waiting), "{job}",
            "Image jobs (upload checks, thumbnails) waiting for a core");

    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref waiting);
        try
        {
            await slots.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
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
