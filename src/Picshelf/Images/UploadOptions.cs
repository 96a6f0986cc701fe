using System.ComponentModel.DataAnnotations;

namespace Picshelf.Images;

public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>The largest image file accepted, in bytes (Imgur's website limit, 20 MB, by default).</summary>
    [Range(1024, 2L * 1024 * 1024 * 1024)]
    public long MaxImageBytes { get; set; } = 20 * 1024 * 1024;

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

    /// <summary>Addresses or networks (CIDR) an upload by URL may reach although they are private or loopback.</summary>
    public List<string> UrlAllowList { get; set; } = [];

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan UrlTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(0, 10)]
    public int UrlMaxRedirects { get; set; } = 3;

    /// <summary>
    /// The request body may be larger than the image: base64 adds a third, URL-encoding a little more,
    /// and multipart its headers.
    /// </summary>
    public long MaxRequestBytes => MaxImageBytes * 3 / 2 + 1024 * 1024;
}
