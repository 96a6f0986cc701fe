using System.Text;
using Microsoft.AspNetCore.WebUtilities;
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
    private const int TextFieldLimit = 64 * 1024;

    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>The file name of a multipart file part, when there was one.</summary>
    public string? FileName { get; private set; }

    public bool HasImage { get; private set; }

    /// <summary>Whether the image came as a multipart file part, so it is bytes whatever they look like.</summary>
    public bool ImageIsFilePart { get; private set; }

    public string? this[string name] => Fields.TryGetValue(name, out var value) ? value : null;

    public static async Task<UploadForm> ReadAsync(HttpRequest request, StagedFile image, UploadOptions options, CancellationToken cancellationToken)
    {
        var form = new UploadForm();
        var imageLimit = options.MaxRequestBytes;
        // Kestrel refuses such bodies too; this answers the same wherever the app is hosted.
        if (request.ContentLength > imageLimit)
        {
            throw ApiException.TooLarge();
        }
        if (request.ContentType is { } contentType && contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            await form.ReadMultipartAsync(request, contentType, image, imageLimit, cancellationToken);
        }
        else if (request.HasFormContentType || request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            foreach (var (key, value) in await RequestFields.ReadAsync(request, imageLimit, cancellationToken))
            {
                form.Fields[key] = value;
            }
            if (form.Fields.Remove("image", out var text) && text.Length > 0)
            {
                await File.WriteAllTextAsync(image.Path, text, Encoding.ASCII, cancellationToken);
                form.HasImage = true;
            }
        }
        else
        {
            // A bare body: the raw file, or its base64 text (npm imgur-anonymous-uploader).
            foreach (var (key, value) in request.Query)
            {
                form.Fields[key] = value.ToString();
            }
            await using (var file = image.OpenWrite())
            {
                await CopyLimitedAsync(request.Body, file, imageLimit, cancellationToken);
            }
            form.HasImage = image.Length > 0;
        }
        if (form.Fields.ContainsKey("video"))
        {
            throw ApiException.UnsupportedType("Video uploads are not supported by this server");
        }
        return form;
    }

    private async Task ReadMultipartAsync(HttpRequest request, string contentType, StagedFile image, long imageLimit, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(contentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw ApiException.BadRequest("The multipart body has no boundary");
        }
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        try
        {
            await ReadSectionsAsync(reader, image, imageLimit, cancellationToken);
        }
        catch (IOException failure) when (!cancellationToken.IsCancellationRequested)
        {
            throw ApiException.BadRequest("The multipart body is malformed: " + failure.Message);
        }
    }

    private async Task ReadSectionsAsync(MultipartReader reader, StagedFile image, long imageLimit, CancellationToken cancellationToken)
    {
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (name == "video")
            {
                throw ApiException.UnsupportedType("Video uploads are not supported by this server");
            }
            if (name == "image")
            {
                await using (var file = image.OpenWrite())
                {
                    await CopyLimitedAsync(section.Body, file, imageLimit, cancellationToken);
                }
                HasImage = image.Length > 0;
                ImageIsFilePart = disposition.IsFileDisposition();
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                FileName = string.IsNullOrEmpty(fileName) ? null : Path.GetFileName(fileName);
                continue;
            }
            using var text = new MemoryStream();
            await CopyLimitedAsync(section.Body, text, TextFieldLimit, cancellationToken,
                () => ApiException.BadRequest($"The field {name} is longer than {TextFieldLimit} bytes"));
            Fields[name] = Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
        }
    }

    private static async Task CopyLimitedAsync(Stream source, Stream destination, long limit, CancellationToken cancellationToken,
        Func<ApiException>? tooLarge = null)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw tooLarge?.Invoke() ?? ApiException.TooLarge();
            }
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    /// <summary>Whether the staged image is an image file rather than base64 or URL text.</summary>
    public static bool HoldsImageFile(StagedFile image)
    {
        Span<byte> head = stackalloc byte[32];
        using var file = File.OpenRead(image.Path);
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return ImageFormat.Sniff(head[..read]) is not null;
    }
}
