using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Media;
using Picshelf.Storage;
using Picshelf.Telemetry;

namespace Picshelf.Images;

/// <summary>
/// One upload from request to stored image. Every failure leaves nothing behind: staging files are
/// always removed, and the blob is deleted again if the row cannot be written.
/// </summary>
public sealed class ImageUpload(
    PicshelfDb db,
    IDatabaseDialect dialect,
    ItemIds itemIds,
    IUploadAlbums albums,
    IBlobStore blobs,
    IImageProcessor processor,
    UploadStaging staging,
    RemoteImageFetcher fetcher,
    MediaWork mediaWork,
    RenditionWorker renditions,
    VideoTranscoder transcoder,
    ForeignImageDecoder decoder,
    PicshelfMetrics metrics,
    TimeProvider time,
    IOptions<UploadOptions> options,
    IOptions<RequestBodyOptions> bodyOptions,
    ILogger<ImageUpload> logger)
{
    private readonly UploadOptions limits = options.Value;

    public async Task<Image> UploadAsync(HttpRequest request, Caller caller, CancellationToken cancellationToken)
    {
        using var source = staging.NewFile();
        using var decoded = staging.NewFile();
        using var prepared = staging.NewFile();
        using var poster = staging.NewFile();
        using var withoutMetadata = staging.NewFile();
        using var decodedPicture = staging.NewFile(".png");

        var form = await UploadForm.ReadAsync(request, source, limits, bodyOptions.Value, cancellationToken);
        if (!form.HasImage)
        {
            throw ApiException.BadRequest("No image data was sent to the upload api");
        }
        var title = Optional(form["title"], ImageLimits.TitleLength, "title");
        var description = Optional(form["description"], ImageLimits.DescriptionLength, "description");
        var name = form["name"] ?? form.FileName ?? "";
        if (name.Length > ImageLimits.NameLength)
        {
            name = name[..ImageLimits.NameLength];
        }
        // Checked before any image work: the owner's album by id, any album by its deletehash.
        var albumId = string.IsNullOrEmpty(form["album"]) ? null : await albums.FindForUploadAsync(caller, form["album"]!, cancellationToken);

        var imageFile = await ResolveImageBytesAsync(form, source, decoded, cancellationToken);
        var video = VideoContainer.SniffFile(imageFile.Path);
        if (imageFile.Length > (video is null ? limits.MaxImageBytes : limits.MaxVideoBytes))
        {
            throw ApiException.TooLarge();
        }

        // A video is stored as it came until its MP4 is made, a HEIC or JPEG XL for good (without its metadata); the
        // original of either is a picture every browser shows: a video's poster frame, the other's decoded pixels.
        var foreign = video is null && ImageFormat.SniffFile(imageFile.Path) is { } format && ForeignImageDecoder.Decodes(format) ? format : null;
        var keptSource = video is not null ? imageFile : foreign is not null ? withoutMetadata : null;
        var sound = false;
        string picture;
        if (video is not null)
        {
            var probe = await ProbeVideoAsync(imageFile, video, poster, cancellationToken);
            sound = probe.AudioTracks > 0 && form["disable_audio"]?.Trim() is not ("1" or "true");
            picture = poster.Path;
        }
        else if (foreign is not null)
        {
            picture = await DecodeForeignAsync(foreign, imageFile, decodedPicture, withoutMetadata, cancellationToken);
        }
        else
        {
            picture = imageFile.Path;
        }
        PreparedImage image;
        try
        {
            image = await mediaWork.RunAsync(() => foreign is null ? processor.Prepare(picture, prepared.Path) : processor.PrepareDecoded(picture, prepared.Path),
                cancellationToken);
        }
        catch (ImageRejectedException rejected)
        {
            throw video is not null ? ApiException.InvalidUpload("The video's first frame cannot be read: " + rejected.Message)
                : rejected.UnsupportedType ? ApiException.UnsupportedType(rejected.Message) : ApiException.InvalidUpload(rejected.Message);
        }

        var row = new Image
        {
            Id = await itemIds.NewAsync(cancellationToken),
            DeleteHash = IdGenerator.NewDeleteHash(),
            AccountId = caller.AccountId,
            ClientId = caller.ClientId,
            Title = title,
            Description = description,
            Name = name,
            Type = video is not null ? ImageFormat.Mp4.MimeType : foreign?.MimeType ?? image.Format.MimeType,
            StoredType = video is not null || foreign is not null ? image.Format.MimeType : null,
            SourceSize = foreign is not null ? checked((int)keptSource!.Length) : null,
            Animated = video is not null || image.Animated,
            HasSound = sound,
            Width = image.Width,
            Height = image.Height,
            Size = checked((int)image.Size),
            CreatedAt = time.GetUtcNow().ToUnixTimeSeconds(),
            // A video and an animation get an MP4, made from the queue; the row and its job are written together.
            Processing = video is not null || (image.Animated && VideoTranscoder.Loops(image.Format)) ? RenditionStates.Pending : null,
        };
        List<string> stored = [];
        // Once the blobs are stored the row is written whatever the client does: a row committed just as the
        // client gave up must not lose its blobs to the cleanup below.
        var done = CancellationToken.None;
        var committing = false;
        try
        {
            if (keptSource is not null)
            {
                await PutAsync(BlobKeys.Source(row.Id), keptSource, stored, cancellationToken);
            }
            await PutAsync(BlobKeys.Original(row.Id), prepared, stored, cancellationToken);
            db.Images.Add(row);
            if (row.Processing is not null)
            {
                db.RenditionJobs.Add(new RenditionJob
                {
                    ImageId = row.Id,
                    Kind = video is null ? RenditionKinds.Animation : RenditionKinds.Video,
                    CreatedAt = row.CreatedAt,
                });
            }
            await using var transaction = await dialect.BeginWriteAsync(db, done);
            await using var albumLock = albumId is null ? null : await albums.AppendAsync(albumId, row.Id, done);
            await db.SaveChangesAsync(done);
            committing = true;
            await transaction.CommitAsync(done);
        }
        catch (Exception failure)
        {
            await RemoveUnclaimedBlobsAsync(row.Id, stored, failure, committing);
            // The album named was deleted while the image was being processed: nothing was written.
            if (failure is DbUpdateException && albumId is not null)
            {
                await albums.ThrowIfGoneAsync(albumId, form["album"]!, done);
            }
            throw;
        }
        if (row.Processing is not null)
        {
            renditions.Wake();
        }
        var kind = new KeyValuePair<string, object?>("kind", video is not null ? "video" : row.Animated ? "animation" : "image");
        metrics.Uploads.Add(1, kind);
        metrics.UploadedBytes.Add(imageFile.Length, kind);
        return row;
    }

    private async Task PutAsync(string key, StagedFile file, List<string> stored, CancellationToken cancellationToken)
    {
        stored.Add(key);
        await using var bytes = file.OpenRead();
        await blobs.PutAsync(key, bytes, cancellationToken);
    }

    /// <summary>
    /// Reads the whole video with ffprobe and refuses what the queue could not turn into an MP4 within the limits
    /// (docs/imgur-compatibility.md §7.4), then writes its first frame, upright, to <paramref name="poster"/>.
    /// </summary>
    private async Task<VideoProbe> ProbeVideoAsync(StagedFile file, VideoContainer container, StagedFile poster, CancellationToken cancellationToken)
    {
        try
        {
            var probe = await transcoder.ProbeAsync(file.Path, container, cancellationToken);
            if (probe.VideoTracks == 0)
            {
                throw ApiException.InvalidUpload("The file has no video track");
            }
            if (probe.Truncated)
            {
                throw ApiException.InvalidUpload("The video is cut short: its index lists frames past the end of the file");
            }
            if (probe.Duration > limits.MaxVideoDuration.TotalSeconds)
            {
                throw ApiException.InvalidUpload(
                    $"The video is {probe.Duration:0.#} seconds long; the longest this server takes is {limits.MaxVideoDuration.TotalSeconds:0.#} seconds");
            }
            if (probe.AudioTracks > limits.MaxAudioTracks)
            {
                throw ApiException.InvalidUpload($"The video has {probe.AudioTracks} audio tracks; the most this server takes is {limits.MaxAudioTracks}");
            }
            await transcoder.PosterAsync(file.Path, container, poster.Path, cancellationToken);
            return probe;
        }
        catch (TranscodeFailedException failed)
        {
            throw failed.Unavailable ? ApiException.UnsupportedType("Video uploads are not supported by this server: ffmpeg is not installed")
                : ApiException.InvalidUpload("The video cannot be read: " + failed.Message);
        }
    }

    /// <summary>
    /// Decodes a HEIC or JPEG XL to <paramref name="decodedPng"/> with its tool, and writes the file to keep, without its
    /// metadata, to <paramref name="withoutMetadata"/> (docs/imgur-compatibility.md §7.4).
    /// </summary>
    /// <returns>The decoded picture's path.</returns>
    private async Task<string> DecodeForeignAsync(ImageFormat format, StagedFile file, StagedFile decodedPng, StagedFile withoutMetadata,
        CancellationToken cancellationToken)
    {
        try
        {
            await decoder.DecodeAsync(format, file.Path, decodedPng.Path, cancellationToken);
            ForeignMetadata.Remove(format, file.Path, withoutMetadata.Path);
            return decodedPng.Path;
        }
        catch (TranscodeFailedException failed)
        {
            throw failed.Unavailable ? ApiException.UnsupportedType($"{format.Name.ToUpperInvariant()} images are not supported by this server: its decoder is not installed")
                : ApiException.InvalidUpload("The image is corrupt or truncated: " + failed.Message);
        }
        catch (ImageRejectedException rejected)
        {
            throw ApiException.InvalidUpload(rejected.Message);
        }
    }

    /// <summary>
    /// Deletes the blobs of a row that could not be written. A commit that failed may still have been made (the
    /// connection was lost after the database received it, and a read now could come before it lands), so after a
    /// failed commit the blobs stay for <c>gc</c>, which deletes them an hour later if no row appeared.
    /// </summary>
    private async Task RemoveUnclaimedBlobsAsync(string imageId, List<string> keys, Exception failure, bool committing)
    {
        if (committing)
        {
            logger.LogWarning(failure, "Committing image {ImageId} failed and may yet have been made; its blobs stay for gc", imageId);
            return;
        }
        logger.LogWarning(failure, "Storing image {ImageId} failed; removing its blobs", imageId);
        foreach (var key in keys)
        {
            try
            {
                await blobs.DeleteAsync(key, CancellationToken.None);
            }
            catch (Exception cleanup) when (cleanup is BlobStoreUnavailableException or IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(cleanup, "The blob {Key} of image {ImageId} stays for gc", key, imageId);
            }
        }
    }

    /// <summary>Turns base64 or URL text into image bytes; files stay as they are.</summary>
    /// <returns>The staged file that holds the image bytes.</returns>
    private async Task<StagedFile> ResolveImageBytesAsync(UploadForm form, StagedFile source, StagedFile decoded, CancellationToken cancellationToken)
    {
        var type = form["type"]?.Trim().ToLowerInvariant();
        if (form.ImageIsFilePart || type is "file" or "stream" || UploadForm.HoldsImageFile(source))
        {
            return source;
        }
        if (ReadUrl(source) is { } url && type != "base64")
        {
            await fetcher.FetchAsync(url, decoded, cancellationToken);
            return decoded;
        }
        if (type == "url")
        {
            throw ApiException.BadRequest("The image URL must be an absolute http or https URL");
        }
        return await Base64File.TryDecodeAsync(source, decoded, cancellationToken)
            ? decoded
            : throw ApiException.BadRequest("Invalid base64 image data");
    }

    /// <summary>The staged text as a URL, when it is a short http(s) address.</summary>
    private static string? ReadUrl(StagedFile source)
    {
        const int longestUrl = 8192;
        if (source.Length > longestUrl)
        {
            return null;
        }
        var text = Encoding.UTF8.GetString(source.ReadHead(longestUrl)).Trim();
        return text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || text.Contains("://", StringComparison.Ordinal) ? text : null;
    }

    private static string? Optional(string? value, int maxLength, string field) =>
        value is null || value.Length == 0 ? null
        : value.Length <= maxLength ? value
        : throw ApiException.BadRequest($"The {field} is longer than {maxLength} characters");
}
