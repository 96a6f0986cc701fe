using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Media;
using Picshelf.Storage;

namespace Picshelf.Images;

/// <summary>
/// One upload from request to stored image. Every failure leaves nothing behind: staging files are
/// always removed, and the blob is deleted again if the row cannot be written.
/// </summary>
public sealed class ImageUpload(
    PicshelfDb db,
    IBlobStore blobs,
    IImageProcessor processor,
    UploadStaging staging,
    RemoteImageFetcher fetcher,
    TimeProvider time,
    IOptions<UploadOptions> options,
    ILogger<ImageUpload> logger)
{
    private readonly UploadOptions limits = options.Value;

    public async Task<Image> UploadAsync(HttpRequest request, Caller caller, CancellationToken cancellationToken)
    {
        using var source = staging.NewFile();
        using var prepared = staging.NewFile();

        var form = await UploadForm.ReadAsync(request, source, limits, cancellationToken);
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
        if (!string.IsNullOrEmpty(form["album"]))
        {
            // Albums arrive with their own issue; until then no album id can exist.
            throw ApiException.NotFound($"Unable to find an album with the id, {form["album"]}");
        }

        await ResolveImageBytesAsync(form, source, cancellationToken);
        if (source.Length > limits.MaxImageBytes)
        {
            throw ApiException.TooLarge();
        }

        PreparedImage image;
        try
        {
            image = processor.Prepare(source.Path, prepared.Path);
        }
        catch (ImageRejectedException rejected)
        {
            throw rejected.UnsupportedType ? ApiException.UnsupportedType(rejected.Message) : ApiException.InvalidUpload(rejected.Message);
        }

        var row = new Image
        {
            Id = IdGenerator.NewId(),
            DeleteHash = IdGenerator.NewDeleteHash(),
            AccountId = caller.AccountId,
            ClientId = caller.ClientId,
            Title = title,
            Description = description,
            Name = name,
            Type = image.Format.MimeType,
            Animated = image.Animated,
            Width = image.Width,
            Height = image.Height,
            Size = checked((int)image.Size),
            CreatedAt = time.GetUtcNow().ToUnixTimeSeconds(),
        };
        while (await db.Images.AnyAsync(i => i.Id == row.Id, cancellationToken))
        {
            row.Id = IdGenerator.NewId();
        }

        var key = BlobKeys.Original(row.Id);
        await using (var bytes = prepared.OpenRead())
        {
            await blobs.PutAsync(key, bytes, cancellationToken);
        }
        try
        {
            db.Images.Add(row);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception failure)
        {
            logger.LogWarning(failure, "Storing image {ImageId} failed; removing its blob", row.Id);
            await blobs.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        return row;
    }

    /// <summary>Turns base64 or URL text into image bytes in the same staging file; files stay as they are.</summary>
    private async Task ResolveImageBytesAsync(UploadForm form, StagedFile source, CancellationToken cancellationToken)
    {
        var type = form["type"]?.Trim().ToLowerInvariant();
        if (form.ImageIsFilePart || type is "file" or "stream" || UploadForm.HoldsImageFile(source))
        {
            return;
        }
        if (source.Length > limits.MaxRequestBytes)
        {
            throw ApiException.TooLarge();
        }
        var text = (await File.ReadAllTextAsync(source.Path, Encoding.UTF8, cancellationToken)).Trim();
        var looksLikeUrl = text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        if (type == "url" || (type != "base64" && looksLikeUrl))
        {
            await fetcher.FetchAsync(text, source, cancellationToken);
            return;
        }
        var bytes = DecodeBase64(text) ?? throw ApiException.BadRequest("Invalid base64 image data");
        if (bytes.Length > limits.MaxImageBytes)
        {
            throw ApiException.TooLarge();
        }
        await File.WriteAllBytesAsync(source.Path, bytes, cancellationToken);
    }

    private static byte[]? DecodeBase64(string text)
    {
        var comma = text.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? text.IndexOf(',', StringComparison.Ordinal) : -1;
        var payload = new StringBuilder(text.Length);
        foreach (var c in text.AsSpan(comma + 1))
        {
            if (!char.IsWhiteSpace(c))
            {
                payload.Append(c switch { '-' => '+', '_' => '/', _ => c });
            }
        }
        while (payload.Length % 4 != 0)
        {
            payload.Append('=');
        }
        var bytes = new byte[payload.Length / 4 * 3];
        return payload.Length > 0 && Convert.TryFromBase64String(payload.ToString(), bytes, out var written) ? bytes[..written] : null;
    }

    private static string? Optional(string? value, int maxLength, string field) =>
        value is null || value.Length == 0 ? null
        : value.Length <= maxLength ? value
        : throw ApiException.BadRequest($"The {field} is longer than {maxLength} characters");
}
