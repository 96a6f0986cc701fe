using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Data;
using Picshelf.Media;
using Picshelf.Storage;
using Picshelf.Telemetry;

namespace Picshelf.Images;

/// <summary>
/// Makes the MP4 of each animation (GIF, APNG, WebP) and uploaded video from the durable queue of <see cref="RenditionJob"/> rows (docs/imgur-compatibility.md
/// §9.4). Any process may take a job: taking it is one conditional UPDATE that sets a lease, which only one process can
/// win, on SQLite and on PostgreSQL alike. Up to <see cref="RenditionOptions.RenditionWorkers"/> jobs run at once in a
/// process. A failed run waits and is tried again, <see cref="RenditionOptions.RenditionAttempts"/> runs in all, before
/// the image is marked <c>failed</c>; a process that stops mid-run leaves a lease that runs out, and the job is taken
/// again, so no job stays <c>pending</c> for ever.
/// </summary>
public sealed class RenditionWorker(IServiceScopeFactory scopes, IBlobStore blobs, VideoTranscoder transcoder, IImageProcessor processor, UploadStaging staging,
    ImageDirectory directory, TimeProvider time, IOptions<RenditionOptions> options, IOptions<TranscodeOptions> transcoding, IOptions<UploadOptions> uploads,
    PicshelfMetrics metrics, ILogger<RenditionWorker> logger) : BackgroundService
{
    private readonly string owner = $"{Environment.ProcessId}-{Guid.NewGuid():N}";
    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>Tells an idle worker of this process that a job was queued, instead of leaving it to the next poll.</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another request woke it first.
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.Meter.CreateObservableGauge("picshelf.renditions.queued", CountQueued, "{job}",
            "MP4s waiting to be made or being made, by kind (animation, video), across every process sharing the database");
        return Task.WhenAll(Enumerable.Range(0, options.Value.RenditionWorkers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));
    }

    /// <summary>Read from the database at each scrape: the queue is rows every process shares, not this process's own.</summary>
    private List<Measurement<int>> CountQueued()
    {
        using var scope = scopes.CreateScope();
        var counts = scope.ServiceProvider.GetRequiredService<PicshelfDb>().RenditionJobs.GroupBy(j => j.Kind)
            .Select(kind => new { kind.Key, Count = kind.Count() }).ToDictionary(kind => kind.Key, kind => kind.Count);
        return [.. new[] { RenditionKinds.Animation, RenditionKinds.Video }.Select(kind =>
            new Measurement<int>(counts.GetValueOrDefault(kind), new KeyValuePair<string, object?>("kind", kind)))];
    }

    private async Task WorkAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (await TakeAsync(stopping) is { } job)
                {
                    await RunAsync(job, stopping);
                    continue;
                }
                await wake.WaitAsync(options.Value.RenditionPollInterval, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                // The database or the store failed, not the job: the lease runs out and the job is taken again.
                logger.LogWarning(failure, "The rendition queue could not be worked; trying again");
                await Task.Delay(options.Value.RenditionPollInterval, time, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Takes the oldest job that is due and not held, or null when there is none.</summary>
    private async Task<RenditionJob?> TakeAsync(CancellationToken stopping)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PicshelfDb>();
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var due = await db.RenditionJobs.AsNoTracking().Where(j => j.NotBefore <= now && j.LeaseUntil < now).OrderBy(j => j.CreatedAt)
            .Select(j => j.ImageId).Take(8).ToListAsync(stopping);
        var leaseUntil = now + (long)Math.Ceiling(transcoding.Value.RenditionTimeout.TotalSeconds) + 60;
        foreach (var imageId in due)
        {
            // Two processes may read the same job; the UPDATE checks the lease again, and only one of them changes the row.
            var taken = await db.RenditionJobs.Where(j => j.ImageId == imageId && j.NotBefore <= now && j.LeaseUntil < now)
                .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseOwner, owner).SetProperty(j => j.LeaseUntil, leaseUntil)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1), stopping);
            if (taken == 1)
            {
                return await db.RenditionJobs.AsNoTracking().SingleOrDefaultAsync(j => j.ImageId == imageId && j.LeaseOwner == owner, stopping);
            }
        }
        return null;
    }

    private async Task RunAsync(RenditionJob job, CancellationToken stopping)
    {
        // Runs that ended without a verdict (the store or the database failed, the process stopped) count too.
        if (job.Attempts > options.Value.RenditionAttempts)
        {
            await FinishAsync(job, mp4Size: null, stopping);
            return;
        }
        var isVideo = job.Kind == RenditionKinds.Video;
        using var source = staging.NewFile();
        using var output = staging.NewFile();
        await using (var stored = await blobs.OpenReadAsync(isVideo ? BlobKeys.Source(job.ImageId) : BlobKeys.Original(job.ImageId), stopping))
        {
            if (stored is null)
            {
                // The image was deleted: its row, and this job with it, are gone or going.
                await FinishAsync(job, mp4Size: null, stopping);
                return;
            }
            await using var file = source.OpenWrite();
            await stored.CopyToAsync(file, stopping);
        }
        try
        {
            if (isVideo)
            {
                await VideoToMp4Async(job, source.Path, output.Path, stopping);
            }
            else
            {
                await LoopOfAnimationAsync(source.Path, output.Path, stopping);
            }
        }
        catch (Exception failure) when (failure is TranscodeFailedException or ImageRejectedException)
        {
            await FailAsync(job, failure.Message, stopping);
            return;
        }
        var size = output.Length;
        await using (var mp4 = output.OpenRead())
        {
            await blobs.PutAsync(BlobKeys.Rendition(job.ImageId), mp4, stopping);
        }
        await FinishAsync(job, checked((int)size), stopping);
    }

    /// <summary>An animation's loop: ffmpeg decodes GIF and APNG itself; an animated WebP's frames come from libvips.</summary>
    private Task LoopOfAnimationAsync(string sourcePath, string outputPath, CancellationToken stopping)
    {
        var format = ImageFormat.SniffFile(sourcePath);
        return format == ImageFormat.WebP ? transcoder.LoopOfFramesAsync(processor.OpenAnimation(sourcePath), outputPath, stopping)
            : format is not null && VideoTranscoder.Loops(format) ? transcoder.LoopOfAnimationAsync(sourcePath, format, outputPath, stopping)
            : throw new TranscodeFailedException("The stored original is no animation this server loops");
    }

    /// <summary>An uploaded video's MP4, with its sound unless the upload asked for none (<see cref="Image.HasSound"/>).</summary>
    private async Task VideoToMp4Async(RenditionJob job, string sourcePath, string outputPath, CancellationToken stopping)
    {
        var container = VideoContainer.SniffFile(sourcePath) ?? throw new TranscodeFailedException("The stored video is of no container this server reads");
        bool keepAudio;
        await using (var scope = scopes.CreateAsyncScope())
        {
            keepAudio = await scope.ServiceProvider.GetRequiredService<PicshelfDb>().Images.Where(i => i.Id == job.ImageId)
                .Select(i => i.HasSound).FirstOrDefaultAsync(stopping);
        }
        var probe = await transcoder.ProbeAsync(sourcePath, container, stopping);
        await transcoder.Mp4OfVideoAsync(sourcePath, container, probe, keepAudio, uploads.Value.MaxVideoDuration, outputPath, stopping);
    }

    /// <summary>
    /// Marks the image done (with its MP4's size) or failed (null), and ends the job, if this process still holds it. Only a
    /// pending image changes: a run repeated after its job's end was lost cannot undo a verdict. A video's source goes
    /// either way: the MP4 replaces it, and a video that cannot be made is not kept (it may carry where it was filmed).
    /// </summary>
    private async Task FinishAsync(RenditionJob job, int? mp4Size, CancellationToken stopping)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PicshelfDb>();
        var state = mp4Size is null ? RenditionStates.Failed : RenditionStates.Completed;
        var updated = await db.Images.Where(i => i.Id == job.ImageId && i.Processing == RenditionStates.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.Mp4Size, mp4Size ?? 0).SetProperty(i => i.Processing, state), stopping);
        if (job.Kind == RenditionKinds.Video)
        {
            await blobs.DeleteAsync(BlobKeys.Source(job.ImageId), stopping);
        }
        await db.RenditionJobs.Where(j => j.ImageId == job.ImageId && j.LeaseOwner == owner).ExecuteDeleteAsync(stopping);
        directory.Forget(job.ImageId);
        if (updated == 0 && mp4Size is not null && !await db.Images.AnyAsync(i => i.Id == job.ImageId, stopping))
        {
            // Deleted while the MP4 was made: the deletion removed the blobs it knew of before this one was stored.
            await blobs.DeleteAsync(BlobKeys.Rendition(job.ImageId), stopping);
        }
    }

    private async Task FailAsync(RenditionJob job, string reason, CancellationToken stopping)
    {
        if (job.Attempts >= options.Value.RenditionAttempts)
        {
            logger.LogWarning("The MP4 of image {ImageId} could not be made after {Attempts} runs; it is marked failed: {Reason}", job.ImageId, job.Attempts, reason);
            await FinishAsync(job, mp4Size: null, stopping);
            return;
        }
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Run {Attempt} of the MP4 of image {ImageId} failed; trying again later: {Reason}", job.Attempts, job.ImageId, reason);
        }
        var delay = options.Value.RenditionRetryDelay * Math.Pow(2, job.Attempts - 1);
        var notBefore = time.GetUtcNow().Add(delay).ToUnixTimeSeconds();
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PicshelfDb>().RenditionJobs.Where(j => j.ImageId == job.ImageId && j.LeaseOwner == owner)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.NotBefore, notBefore).SetProperty(j => j.LeaseUntil, 0L).SetProperty(j => j.LeaseOwner, (string?)null),
                stopping);
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }
}
