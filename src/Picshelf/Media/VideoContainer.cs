namespace Picshelf.Media;

/// <summary>
/// A video container recognised from the file's first bytes, and the ffmpeg demuxer that reads it. Naming the demuxer
/// instead of letting ffmpeg guess keeps a crafted upload from being read as a playlist (<c>hls</c>, <c>concat</c>) that
/// names other files on this machine. MP4, MOV and WebM are what Imgur takes; Matroska and AVI are transcoded the same way.
/// </summary>
public sealed record VideoContainer(string Name, string Demuxer)
{
    /// <summary>MP4, MOV, M4V and 3GP: ISO base media files, read by ffmpeg's <c>mov</c> demuxer.</summary>
    public static readonly VideoContainer QuickTime = new("mp4", "mov");

    /// <summary>WebM and Matroska, which share the EBML header.</summary>
    public static readonly VideoContainer Matroska = new("webm", "matroska");

    public static readonly VideoContainer Avi = new("avi", "avi");

    /// <summary>Recognises a container from the start of a file, or null; an <c>ftyp</c> of an image brand (AVIF, HEIC) is an image.</summary>
    public static VideoContainer? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return ImageFormat.Sniff(head) is null ? QuickTime : null;
        }
        // QuickTime files older than the ftyp box start with one of these.
        if (head.Length >= 8 && (head[4..8].SequenceEqual("moov"u8) || head[4..8].SequenceEqual("mdat"u8) || head[4..8].SequenceEqual("wide"u8)))
        {
            return QuickTime;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return Matroska;
        }
        return head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("AVI "u8) ? Avi : null;
    }

    public static VideoContainer? SniffFile(string path)
    {
        Span<byte> head = stackalloc byte[ImageFormat.SignatureLength];
        using var file = File.OpenRead(path);
        return Sniff(head[..file.ReadAtLeast(head, ImageFormat.SignatureLength, throwOnEndOfStream: false)]);
    }
}
