using System.Net;
using Microsoft.Net.Http.Headers;
using Picshelf.Images;
using Picshelf.Storage;

namespace Picshelf.Serving;

/// <summary>
/// An animated GIF's or video's <c>/{id}.mp4</c> (its MP4, with ranges) and <c>/{id}.gifv</c> (a page that plays it muted
/// and looping, the GIF or poster frame inside for browsers without video), as i.imgur.com serves them. Until the MP4 is
/// made both answer the original (the GIF, or the video's poster frame), kept by nobody while it is pending
/// (<c>no-cache</c>), since the answer changes once it exists.
/// </summary>
public static class AnimationLinks
{
    /// <summary>Whether the request is for an animation's MP4 or page, answered here rather than with the stored bytes.</summary>
    public static bool Answers(Image image, string extension) =>
        image.Processing is not null && extension is "mp4" or "gifv";

    /// <summary>Answers the MP4 or the page, or returns false when the MP4 is not made yet and the GIF is to be served.</summary>
    public static async Task<bool> TryServeAsync(HttpContext context, Image image, string extension, IBlobStore blobs, CancellationToken cancellationToken)
    {
        if (image.Mp4Size == 0)
        {
            if (image.Processing == RenditionStates.Pending)
            {
                context.Response.Headers.CacheControl = "no-cache";
            }
            return false;
        }
        if (extension == "gifv")
        {
            await WritePageAsync(context, image);
            return true;
        }
        var stream = await blobs.OpenSeekableAsync(BlobKeys.Rendition(image.Id), image.Mp4Size, cancellationToken);
        if (stream is null)
        {
            return false;
        }
        await TypedResults.Stream(stream, "video/mp4", lastModified: DateTimeOffset.FromUnixTimeSeconds(image.CreatedAt),
            entityTag: new EntityTagHeaderValue(CachedBlob.EntityTagOf(image, null, "mp4")), enableRangeProcessing: true).ExecuteAsync(context);
        return true;
    }

    private static Task WritePageAsync(HttpContext context, Image image)
    {
        var title = WebUtility.HtmlEncode(string.IsNullOrWhiteSpace(image.Title) ? image.Id : image.Title);
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "public, max-age=3600";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; media-src 'self'; img-src 'self'; style-src 'unsafe-inline'";
        var page = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
            <style>html,body{"{"}margin:0;height:100%;background:#111{"}"}video,img{"{"}display:block;max-width:100%;max-height:100vh;margin:auto{"}"}</style></head>
            <body><video autoplay loop muted playsinline{(image.HasSound ? " controls" : "")} width="{image.Width}" height="{image.Height}" poster="/{image.Id}h.jpg">
            <source src="/{image.Id}.mp4" type="video/mp4"><img src="/{image.Id}.{(image.IsVideo ? "jpg" : "gif")}" alt="{title}" width="{image.Width}" height="{image.Height}"></video></body></html>
            """;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.WriteAsync(page, context.RequestAborted);
    }
}
