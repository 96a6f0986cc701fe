using System.ComponentModel.DataAnnotations;

namespace Picshelf.Images;

public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>The largest image file accepted, in bytes (Imgur's website limit, 20 MB, by default).</summary>
    [Range(1024, 2L * 1024 * 1024 * 1024)]
    public long MaxImageBytes { get; set; } = 20 * 1024 * 1024;

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
