using System.Text;
using Microsoft.Net.Http.Headers;
using Picshelf.Api;
using Picshelf.Media;

namespace Picshelf.Images;

/// <summary>
/// The fields of an upload request. The <c>image</c> value, whatever its encoding, is streamed into a
/// staging file so a 20 MB upload never sits in memory whole; multipart is read section by section so
/// an oversized file is refused as soon as it passes the limit.
/// </summary>
public sealed class UploadForm
{
    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>The file name of a multipart file part, when there was one.</summary>
    public string? FileName { get; private set; }

    public bool HasImage { get; private set; }

    /// <summary>Whether the image came as a multipart file part, so it is bytes whatever they look like.</summary>
    public bool ImageIsFilePart { get; private set; }

    public string? this[string name] => Fields.TryGetValue(name, out var value) ? value : null;

    public static async Task<UploadForm> ReadAsync(HttpRequest request, StagedFile image, UploadOptions options, RequestBodyOptions limits,
        CancellationToken cancellationToken)
    {
        // Kestrel refuses such bodies too; this answers the same wherever the app is hosted.
        if (request.ContentLength > options.MaxRequestBytes)
        {
            throw ApiException.TooLarge();
        }
        var form = new UploadForm();
        try
        {
            await form.ReadBodyAsync(request, image, options, limits, cancellationToken);
        }
        catch (IOException failure) when (failure is not BadHttpRequestException && !StorageFull.Caused(failure) && !cancellationToken.IsCancellationRequested)
        {
            throw ApiException.BadRequest("The request body is malformed: " + failure.Message);
        }
        return form;
    }

    private async Task ReadBodyAsync(HttpRequest request, StagedFile image, UploadOptions options, RequestBodyOptions limits,
        CancellationToken cancellationToken)
    {
        var contentType = request.ContentType;
        if (contentType is not null && contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            await ReadMultipartAsync(request, image, options, limits, cancellationToken);
        }
        else if (request.HasFormContentType || contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            foreach (var (key, value) in await RequestFields.ReadAsync(request, cancellationToken))
            {
                Fields[key] = value;
            }
            // node-imgur and Imgur's documentation send a video as "video"; either field may hold either kind.
            Fields.Remove("image", out var imageText);
            Fields.Remove("video", out var videoText);
            if ((string.IsNullOrEmpty(imageText) ? videoText : imageText) is { Length: > 0 } text)
            {
                await File.WriteAllTextAsync(image.Path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
                HasImage = true;
            }
        }
        else
        {
            // A bare body: the raw file, or its base64 text (npm imgur-anonymous-uploader).
            RequestFields.AddQueryFields(request, Fields);
            await CopyImageAsync(request.Body, image, options, isFilePart: false, cancellationToken);
        }
    }

    /// <summary>
    /// The first <c>image</c> or <c>video</c> part is streamed to the staging file; every other part is a text field
    /// (<see cref="MultipartFields"/>).
    /// </summary>
    private Task ReadMultipartAsync(HttpRequest request, StagedFile image, UploadOptions options, RequestBodyOptions limits,
        CancellationToken cancellationToken) =>
        MultipartFields.ReadAsync(request, limits, Fields, async (name, disposition, section) =>
        {
            if (name is not "image" and not "video" || HasImage)
            {
                return false;
            }
            ImageIsFilePart = disposition.IsFileDisposition();
            await CopyImageAsync(section.Body, image, options, ImageIsFilePart, cancellationToken);
            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            FileName = string.IsNullOrEmpty(fileName) ? null : FieldText.Check("The file name", Path.GetFileName(fileName));
            return true;
        }, cancellationToken);

    /// <summary>
    /// Video bytes may be at most the video limit and other files the image limit, so an oversized file stops being read
    /// at its limit; base64 or URL text gets the text limit, since base64 is a third longer.
    /// </summary>
    private async Task CopyImageAsync(Stream body, StagedFile image, UploadOptions options, bool isFilePart, CancellationToken cancellationToken)
    {
        await using (var file = image.OpenWrite())
        {
            await LimitedCopy.CopyAsync(body, file,
                first => VideoContainer.Sniff(first.Span) is not null ? options.MaxVideoBytes
                    : isFilePart || ImageFormat.Sniff(first.Span) is not null ? options.MaxImageBytes : options.MaxTextBytes,
                () => ApiException.TooLarge(), cancellationToken);
        }
        HasImage = image.Length > 0;
    }

    /// <summary>Whether the staged image is an image or video file rather than base64 or URL text.</summary>
    public static bool HoldsImageFile(StagedFile image) => ImageFormat.SniffFile(image.Path) is not null || VideoContainer.SniffFile(image.Path) is not null;
}
