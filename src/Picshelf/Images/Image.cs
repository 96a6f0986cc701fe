using Picshelf.Media;

namespace Picshelf.Images;

public sealed class Image : Api.IManagedByDeleteHash
{
    public required string Id { get; set; }
    public required string DeleteHash { get; set; }
    public int? AccountId { get; set; }
    public required string ClientId { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }

    /// <summary>The original file name, shown to the uploader only.</summary>
    public string Name { get; set; } = "";

    /// <summary>The MIME type read from the stored bytes, never the client's claim.</summary>
    public required string Type { get; set; }
    public bool Animated { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public int Size { get; set; }
    public long Views { get; set; }
    public long Bandwidth { get; set; }
    public long CreatedAt { get; set; }

    /// <summary>The bytes of the image's MP4 (an animation's loop); 0 while there is none.</summary>
    public int Mp4Size { get; set; }

    /// <summary>Whether the video keeps a sound track; never for an animation.</summary>
    public bool HasSound { get; set; }

    /// <summary>Where making the MP4 stands (<see cref="RenditionStates"/>); null for a still image, which gets none.</summary>
    public string? Processing { get; set; }

    /// <summary>
    /// The type of the bytes stored as the original (<see cref="BlobKeys.Original"/>) when it is not <see cref="Type"/>:
    /// a video's poster frame, or the JPEG or PNG a HEIC or JPEG XL was decoded to, which browsers are served.
    /// </summary>
    public string? StoredType { get; set; }

    /// <summary>The bytes of a HEIC or JPEG XL kept as uploaded (<see cref="BlobKeys.Source"/>), for clients that take it.</summary>
    public int? SourceSize { get; set; }

    /// <summary>An uploaded video: its MP4 is what it is, and its stored original is the poster frame its thumbnails come from.</summary>
    public bool IsVideo => Type == ImageFormat.Mp4.MimeType;

    public string OriginalType => StoredType ?? Type;
}
