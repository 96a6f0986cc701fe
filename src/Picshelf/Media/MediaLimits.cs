using System.ComponentModel.DataAnnotations;

namespace Picshelf.Media;

/// <summary>
/// How much an image may make libvips decode, checked from its header before any pixel is read. The keys sit in the
/// <c>Uploads</c> section beside the upload's byte limit, where operators already set them.
/// </summary>
public sealed class MediaLimits
{
    public const string Section = "Uploads";

    /// <summary>The most pixels one frame may have; checked from the header before anything is decoded.</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 100_000_000;

    [Range(1, 100_000)]
    public int MaxFrames { get; set; } = 2000;

    /// <summary>
    /// The most pixels all frames of an animation may have together: a few kilobytes of GIF can
    /// declare thousands of full-canvas frames, and every one of them is decoded.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxAnimationPixels { get; set; } = 500_000_000;
}
