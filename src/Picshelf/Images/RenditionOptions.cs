using System.ComponentModel.DataAnnotations;

namespace Picshelf.Images;

/// <summary>How the queue of MP4s to make is worked: the <c>Media:Rendition*</c> keys.</summary>
public sealed class RenditionOptions
{
    public const string Section = "Media";

    /// <summary>Jobs one process runs at once (each ffmpeg on one thread); 0 makes none here and leaves them to other processes.</summary>
    [Range(0, 64)]
    public int RenditionWorkers { get; set; } = Environment.ProcessorCount;

    /// <summary>Runs a job gets before its image is marked <c>failed</c>.</summary>
    [Range(1, 100)]
    public int RenditionAttempts { get; set; } = 3;

    /// <summary>The wait after a first failed run, doubled after each further one.</summary>
    public TimeSpan RenditionRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle worker looks for jobs queued by other processes (its own process wakes it at once).</summary>
    public TimeSpan RenditionPollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
