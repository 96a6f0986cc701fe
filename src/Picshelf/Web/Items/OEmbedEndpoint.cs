using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Options;
using Picshelf.Albums;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;
using Picshelf.Media;

namespace Picshelf.Web;

/// <summary>
/// <c>GET /oembed?url=…&amp;maxwidth=…&amp;maxheight=…&amp;format=json</c>, oEmbed 1.0 for the image and album pages and
/// for direct links. Answers are the bare oEmbed object, not the Imgur envelope: oEmbed consumers (chat apps, CMSs)
/// parse the shape the spec gives, and no Imgur client calls this. Errors are the spec's statuses with a line of text,
/// which consumers only need to tell from success. Charged to no budget, like the pages and direct links it describes.
/// </summary>
public static class OEmbedEndpoint
{
    public static void MapOEmbed(this IEndpointRouteBuilder app) => app.MapGet("/oembed", AnswerAsync);

    public static async Task<IResult> AnswerAsync(HttpContext context, string? url, string? format, string? maxwidth, string? maxheight,
        ImageDirectory directory, PicshelfDb db, AlbumPresenter albums, PublicLinks publicLinks, PageLinks links, IOptions<SiteNameOptions> site,
        CancellationToken cancellationToken)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (format is not (null or "json"))
        {
            return Refuse(StatusCodes.Status501NotImplemented, "Only format=json is available");
        }
        if (!TryReadMaximum(maxwidth, out var maxWidth) || !TryReadMaximum(maxheight, out var maxHeight))
        {
            return Refuse(StatusCodes.Status400BadRequest, "maxwidth and maxheight must be whole numbers of pixels above 0");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https") || !links.IsOwn(context, address))
        {
            return Refuse(StatusCodes.Status404NotFound, "Not an address of this site");
        }
        var provider = (Name: site.Value.SiteName, Url: links.SiteBase(context));
        var (isAlbum, id) = ItemOf(address.AbsolutePath);
        if (id is null)
        {
            return Refuse(StatusCodes.Status404NotFound, "Not an image or album of this site");
        }
        if (!isAlbum)
        {
            if (await directory.FindAsync(id, cancellationToken) is not { Row: var image } entry)
            {
                return Refuse(StatusCodes.Status404NotFound, "No such image");
            }
            var (width, height) = Fit(image.Width, image.Height, maxWidth, maxHeight);
            return Answer(new OEmbedModel
            {
                Type = "photo",
                Title = image.Title,
                AuthorName = entry.OwnerUsername,
                ProviderName = provider.Name,
                ProviderUrl = provider.Url,
                // A photo answer names a picture: a video's is its poster frame.
                Url = publicLinks.StillLink(context, image.Id, image.Type),
                Width = width,
                Height = height,
            });
        }

        if (await AlbumAccess.FindAsync(db, id, cancellationToken) is not { } row)
        {
            return Refuse(StatusCodes.Status404NotFound, "No such album");
        }
        var album = (await albums.ModelsAsync(context, Caller.Anonymous(context.Connection.RemoteIpAddress), [row], withImages: false, cancellationToken))[0];
        // An empty album has no picture to size or show: the spec's answer for what cannot be embedded is 404.
        if (album.Cover is not { } coverId || await directory.FindAsync(coverId, cancellationToken) is not { Row: var cover })
        {
            return Refuse(StatusCodes.Status404NotFound, "The album has no image to embed");
        }
        var (coverWidth, coverHeight) = Fit(cover.Width, cover.Height, maxWidth, maxHeight);
        var html = HtmlEncoder.Default;
        return Answer(new OEmbedModel
        {
            Type = "rich",
            Title = album.Title,
            AuthorName = album.AccountUrl,
            ProviderName = provider.Name,
            ProviderUrl = provider.Url,
            // A link and a picture, no script: a consumer may insert it as it is.
            Html = $"<a href=\"{html.Encode(links.AlbumPage(context, album.Id))}\"><img src=\"{html.Encode(publicLinks.StillLink(context, cover.Id, cover.Type))}\""
                + $" alt=\"{html.Encode(ItemText.TitleOf(album.Title, "album"))}\" width=\"{coverWidth}\" height=\"{coverHeight}\"></a>",
            Width = coverWidth,
            Height = coverHeight,
        });
    }

    /// <summary>
    /// The item an address names: <c>/a/{id}</c> an album; <c>/{id}</c> (an image's page), <c>/{id}.{ext}</c> and
    /// <c>/{id}{size}.{ext}</c> (its direct link and thumbnails) an image.
    /// </summary>
    private static (bool IsAlbum, string? Id) ItemOf(string path)
    {
        var segments = path.Trim('/').Split('/');
        if (segments is ["a", var albumId])
        {
            return (true, IdGenerator.IsId(albumId) ? albumId : null);
        }
        if (segments is not [var name])
        {
            return (false, null);
        }
        if (name.LastIndexOf('.') is var dot and > 0)
        {
            name = name[..dot];
            if (name.Length == IdGenerator.IdLength + 1 && ThumbnailSize.FromSuffix(name[^1]) is not null)
            {
                name = name[..^1];
            }
        }
        return (false, IdGenerator.IsId(name) ? name : null);
    }

    /// <summary>The size that fits within the consumer's maxima, keeping the aspect ratio and never enlarging.</summary>
    public static (int Width, int Height) Fit(int width, int height, int? maxWidth, int? maxHeight)
    {
        var scale = Math.Min(1.0, Math.Min((double)(maxWidth ?? width) / width, (double)(maxHeight ?? height) / height));
        return (Math.Clamp((int)Math.Round(width * scale), 1, maxWidth ?? width), Math.Clamp((int)Math.Round(height * scale), 1, maxHeight ?? height));
    }

    private static bool TryReadMaximum(string? value, out int? maximum)
    {
        maximum = null;
        if (value is null)
        {
            return true;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            maximum = parsed;
            return true;
        }
        return false;
    }

    private static IResult Answer(OEmbedModel model) => Results.Json(model, WebJson.Default.OEmbedModel);

    private static IResult Refuse(int status, string message) => Results.Text(message, "text/plain; charset=utf-8", statusCode: status);
}
