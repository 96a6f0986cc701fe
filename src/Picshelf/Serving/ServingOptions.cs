namespace Picshelf.Serving;

/// <summary>How direct links are served: the <c>Media:HotCacheBytes</c>, <c>Media:AccelRedirectPrefix</c> and <c>Media:NegotiateFormats</c> keys.</summary>
public sealed class ServingOptions
{
    public const string Section = "Media";

    /// <summary>How many bytes of hot originals and thumbnails are kept in memory.</summary>
    public long HotCacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// When set (e.g. <c>/_picshelf_blobs/</c>), direct links answer with <c>X-Accel-Redirect</c> to this
    /// internal nginx location plus the blob's path, and nginx sends the bytes.
    /// </summary>
    public string? AccelRedirectPrefix { get; set; }

    /// <summary>
    /// Whether direct links of JPEGs and PNGs answer clients that take AVIF or WebP with that variant when it is smaller
    /// (<c>Media:NegotiateFormats</c>); off, every client gets the stored bytes and no variant is made.
    /// </summary>
    public bool NegotiateFormats { get; set; } = true;
}
