using System.ComponentModel.DataAnnotations;

namespace Picshelf.Media;

/// <summary>How the external tools are run (<see cref="ExternalTools"/>): the <c>Media:*Path</c>, <c>Media:ProbeTimeout</c> and <c>Media:Rendition*</c> keys.</summary>
public sealed class TranscodeOptions
{
    public const string Section = "Media";

    /// <summary>The ffmpeg program (Debian's <c>ffmpeg</c> package; found on PATH by default).</summary>
    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>The ffprobe program, which reads an uploaded video's streams (the same package).</summary>
    [Required]
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>libheif's <c>heif-convert</c> (Debian's <c>libheif-examples</c>), which decodes HEIC uploads.</summary>
    [Required]
    public string HeifConvertPath { get; set; } = "heif-convert";

    /// <summary>libjxl's <c>djxl</c> (Debian's <c>libjxl-tools</c>), which decodes JPEG XL uploads.</summary>
    [Required]
    public string DjxlPath { get; set; } = "djxl";

    /// <summary>
    /// How long reading an upload with one of these tools may take while the upload waits: a video (ffprobe, then its
    /// poster frame), a HEIC or a JPEG XL.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one ffmpeg run may take before it is killed and the job counts as failed: a 60 s 1080p video encoded anew
    /// on one thread takes about a minute on the machine of bench/media.sh, so five leave room for a busier one.
    /// </summary>
    public TimeSpan RenditionTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The address space ffmpeg may take (<c>prlimit --as</c>): a crafted file cannot make it take the machine's memory.</summary>
    [Range(64L * 1024 * 1024, long.MaxValue)]
    public long RenditionMemoryBytes { get; set; } = 1L << 30;
}
