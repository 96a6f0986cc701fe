using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Picshelf.Api;
using Picshelf.Images;
using Picshelf.Media;
using Picshelf.Storage;

namespace Picshelf.Serving;

/// <summary>
/// <c>/{id}.{ext}</c> serves the original and <c>/{id}{s|b|t|m|l|h}.{ext}</c> a thumbnail. Any extension
/// reaches the image (clients hard-code <c>.jpg</c>); the Content-Type is always the true one. A client whose
/// <c>Accept</c> names AVIF or WebP gets that variant of a JPEG or PNG when it is smaller (<see cref="VariantService"/>);
/// <c>?original</c> asks for the stored bytes whatever the client takes. A HEIC or JPEG XL is served as uploaded only to
/// clients that name its type, and as the JPEG or PNG it was decoded to to all others. An animated GIF and a video also answer <c>.mp4</c>
/// and <c>.gifv</c> (<see cref="AnimationLinks"/>); a video's other links are its poster frame, a JPEG.
/// </summary>
public static class DirectLinkEndpoints
{
    private const string CacheForever = "public, max-age=31536000, immutable";

    public static void MapDirectLinks(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/{name}.{extension}", [HttpMethods.Get, HttpMethods.Head], ServeDirectLink).WithMetadata(WithoutSession.Instance);
    }

    private static bool IsConditionalOrRanged(IHeaderDictionary request) =>
        request.Range.Count > 0 || request.IfNoneMatch.Count > 0 || request.IfModifiedSince.Count > 0
        || request.IfMatch.Count > 0 || request.IfUnmodifiedSince.Count > 0;

    public static async Task ServeDirectLink(string name, string extension, HttpContext context, ImageDirectory directory, IBlobStore blobs,
        HotBlobCache hotBlobs, ThumbnailService thumbnails, VariantService variants, ViewCounter views, IOptions<ServingOptions> options,
        CancellationToken cancellationToken)
    {
        var (entry, size) = await ResolveAsync(name, directory, cancellationToken);
        var image = entry?.Row ?? throw ImageAccess.NotFound(name);
        var headers = context.Response.Headers;
        headers.CacheControl = CacheForever;
        headers.XContentTypeOptions = "nosniff";

        if (size is not null)
        {
            var thumbnail = hotBlobs.TryGet(name, out var hotThumbnail) ? hotThumbnail!
                : await thumbnails.GetAsync(image, size, name, cancellationToken) ?? throw ImageAccess.NotFound(name);
            await WriteBytesAsync(context, await NegotiateAsync(context, image, size, name, (thumbnail.ContentType, thumbnail.Bytes.Length), variants,
                options.Value, cancellationToken) ?? thumbnail);
            CountHit(context, image, views, isOriginal: false);
            return;
        }

        if (AnimationLinks.Answers(image, extension) && await AnimationLinks.TryServeAsync(context, image, extension, blobs, cancellationToken))
        {
            // The MP4's bytes count; an animation's view is its page's, which a browser opens first, not each range of the video
            // it then reads; a video's is its MP4's, read whole.
            CountHit(context, image, views, isOriginal: extension == "gifv" || image.IsVideo);
            return;
        }

        if (image.SourceSize is { } sourceSize && await TryServeSourceAsync(context, image, sourceSize, blobs, cancellationToken))
        {
            CountHit(context, image, views, isOriginal: true);
            return;
        }

        if (!image.Animated && await NegotiateAsync(context, image, null, name, (image.OriginalType, image.Size), variants, options.Value, cancellationToken) is { } variant)
        {
            await WriteBytesAsync(context, variant);
            CountHit(context, image, views, isOriginal: true);
            return;
        }

        var key = BlobKeys.Original(image.Id);
        if (options.Value.AccelRedirectPrefix is { } prefix && blobs.LocalRelativePath(key) is { } file)
        {
            // nginx sends the file, answering Range and If-None-Match itself; it keeps the headers set here.
            headers.ETag = CachedBlob.EntityTagOf(image, null);
            headers["X-Accel-Redirect"] = prefix.TrimEnd('/') + "/" + file;
            context.Response.ContentType = image.OriginalType;
            if (HttpMethods.IsGet(context.Request.Method) && !IsConditionalOrRanged(context.Request.Headers))
            {
                views.Count(image.Id, 1, image.Size);
            }
            return;
        }

        if (!hotBlobs.TryGet(name, out var hot) && hotBlobs.Fits(image.Size))
        {
            var bytes = await blobs.ReadAllBytesAsync(key, cancellationToken) ?? throw ImageAccess.NotFound(name);
            hot = new CachedBlob(image, null, bytes, image.OriginalType);
            hotBlobs.Add(name, hot);
        }
        if (hot is not null)
        {
            await WriteBytesAsync(context, hot);
        }
        else
        {
            var stream = await blobs.OpenSeekableAsync(key, image.Size, cancellationToken) ?? throw ImageAccess.NotFound(name);
            await TypedResults.Stream(stream, image.OriginalType, lastModified: DateTimeOffset.FromUnixTimeSeconds(image.CreatedAt),
                entityTag: new EntityTagHeaderValue(CachedBlob.EntityTagOf(image, null)), enableRangeProcessing: true).ExecuteAsync(context);
        }
        CountHit(context, image, views, isOriginal: true);
    }

    /// <summary>
    /// A HEIC or JPEG XL as it was uploaded (its metadata removed), to a client whose <c>Accept</c> names its type, or that
    /// asks <c>?original</c>; every other client gets the JPEG or PNG it was decoded to, so the answer varies by <c>Accept</c>.
    /// </summary>
    private static async Task<bool> TryServeSourceAsync(HttpContext context, Image image, int sourceSize, IBlobStore blobs, CancellationToken cancellationToken)
    {
        context.Response.Headers.Vary = HeaderNames.Accept;
        var format = ImageFormat.FromMimeType(image.Type);
        if (!context.Request.Query.ContainsKey("original") && AcceptedVariants.Of(context.Request.Headers.Accept, [format]).Count == 0)
        {
            return false;
        }
        var stream = await blobs.OpenSeekableAsync(BlobKeys.Source(image.Id), sourceSize, cancellationToken) ?? throw ImageAccess.NotFound(image.Id);
        await TypedResults.Stream(stream, image.Type, lastModified: DateTimeOffset.FromUnixTimeSeconds(image.CreatedAt),
            entityTag: new EntityTagHeaderValue(CachedBlob.EntityTagOf(image, null, format.Extension)), enableRangeProcessing: true).ExecuteAsync(context);
        return true;
    }

    /// <summary>
    /// The variant to send instead of a picture, when the client takes one that is smaller. Whenever the answer could
    /// depend on <c>Accept</c>, it says so (<c>Vary: Accept</c>), even when it is the picture itself.
    /// </summary>
    private static async ValueTask<CachedBlob?> NegotiateAsync(HttpContext context, Image image, ThumbnailSize? size, string name, (string Type, long Length) source,
        VariantService variants, ServingOptions options, CancellationToken cancellationToken)
    {
        var offered = ImageVariants.Of(source.Type);
        if (!options.NegotiateFormats || offered.Count == 0 || context.Request.Query.ContainsKey("original"))
        {
            return null;
        }
        context.Response.Headers.Vary = HeaderNames.Accept;
        var accepted = AcceptedVariants.Of(context.Request.Headers.Accept, offered);
        return accepted.Count == 0 ? null : await variants.FindAsync(image, size, name, source, accepted, cancellationToken);
    }

    /// <summary>
    /// The common case, a plain GET of cached bytes, is written directly with headers formatted once;
    /// ranges and conditional requests go through the framework's file result, which implements them.
    /// </summary>
    private static Task WriteBytesAsync(HttpContext context, CachedBlob blob)
    {
        if (IsConditionalOrRanged(context.Request.Headers))
        {
            return TypedResults.Bytes(blob.Bytes, blob.ContentType, lastModified: blob.LastModified,
                entityTag: new EntityTagHeaderValue(blob.ETag), enableRangeProcessing: true).ExecuteAsync(context);
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = blob.ContentType;
        response.ContentLength = blob.Bytes.Length;
        response.Headers.ETag = blob.ETag;
        response.Headers.LastModified = blob.LastModifiedHeader;
        response.Headers.AcceptRanges = "bytes";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(blob.Bytes, context.RequestAborted).AsTask();
    }

    /// <summary>
    /// A view is a whole original sent; thumbnails (a listing showing the image small) and partial
    /// reads add only the bytes they sent to the bandwidth.
    /// </summary>
    private static void CountHit(HttpContext context, Image image, ViewCounter views, bool isOriginal)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            return;
        }
        var status = context.Response.StatusCode;
        if (status is StatusCodes.Status200OK or StatusCodes.Status206PartialContent)
        {
            var wholeOriginal = isOriginal && status == StatusCodes.Status200OK;
            views.Count(image.Id, wholeOriginal ? 1 : 0, context.Response.ContentLength ?? 0);
        }
    }

    /// <summary>The name is an image id, or an id followed by one thumbnail suffix letter.</summary>
    private static async Task<(ImageEntry? Entry, ThumbnailSize? Size)> ResolveAsync(string name, ImageDirectory directory, CancellationToken cancellationToken)
    {
        if (IdGenerator.IsId(name))
        {
            return (await directory.FindAsync(name, cancellationToken), null);
        }
        if (IdGenerator.IsId(name[..^1]) && ThumbnailSize.FromSuffix(name[^1]) is { } size)
        {
            return (await directory.FindAsync(name[..^1], cancellationToken), size);
        }
        return (null, null);
    }
}
