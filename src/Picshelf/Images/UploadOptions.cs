using System.ComponentModel.DataAnnotations;

namespace Picshelf.Images;

public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>The largest image file accepted, in bytes (Imgur's website limit, 20 MB, by default).</summary>
    [Range(1024, 2L * 1024 * 1024 * 1024)]
    public long MaxImageBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The largest video file accepted, in bytes (Imgur's limit, 200 MB, by default).</summary>
    [Range(1024, 20L * 1024 * 1024 * 1024)]
    public long MaxVideoBytes { get; set; } = 200 * 1024 * 1024;

    /// <summary>The longest video accepted (Imgur's limit, 60 s, by default); no MP4 made is longer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "10:00:00")]
    public TimeSpan MaxVideoDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most audio tracks a video may have; only the first is kept.</summary>
    [Range(0, 100)]
    public int MaxAudioTracks { get; set; } = 4;

    /// <summary>Addresses or networks (CIDR) an upload by URL may reach although they are private or loopback.</summary>
    public List<string> UrlAllowList { get; set; } = [];

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan UrlTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(0, 10)]
    public int UrlMaxRedirects { get; set; } = 3;

    /// <summary>
    /// The longest image sent as text: base64 adds a third to the image, URL-encoding a little more.
    /// </summary>
    public long MaxTextBytes => MaxImageBytes * 3 / 2 + 1024 * 1024;

    /// <summary>The largest upload body: an image as text, or a video file with its multipart headers and fields.</summary>
    public long MaxRequestBytes => Math.Max(MaxTextBytes, MaxVideoBytes + 1024 * 1024);
}
