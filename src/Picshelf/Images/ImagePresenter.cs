using Picshelf.Api;

namespace Picshelf.Images;

/// <summary>The one place an image row becomes the Image model, on every route that shows one.</summary>
/// <remarks>It holds no database context, so a read of a cached image leases none.</remarks>
public sealed class ImagePresenter(PublicLinks links, ViewCounter views)
{
    /// <summary>How many flushes of the view counts have ended so far (<see cref="ViewCounter.Flushes"/>).</summary>
    public long ViewFlushes => views.Flushes;

    /// <param name="ownerUsername">The uploader's username for <c>account_url</c>; null for an anonymous image.</param>
    /// <param name="revealSecrets">True for the uploader: the owner, or whoever just uploaded it.</param>
    /// <param name="inGallery">Whether the image is posted to the gallery (<see cref="IGalleryMembership.PostedAsync"/>, <see cref="ImageEntry.InGallery"/>).</param>
    public ImageModel Present(HttpContext context, Image image, string? ownerUsername, bool favorite, bool revealSecrets, bool inGallery)
    {
        // Views counted in memory and not yet written belong to the image already.
        var pending = views.Pending(image.Id);
        var animation = image.Processing is not null;
        return new ImageModel
        {
            Id = image.Id,
            Title = image.Title,
            Description = image.Description,
            Datetime = image.CreatedAt,
            Type = image.Type,
            Animated = image.Animated,
            Width = image.Width,
            Height = image.Height,
            // A video's stored original is its poster frame, a HEIC's the JPEG it was decoded to: their sizes are the MP4's and the HEIC's.
            Size = image.IsVideo ? image.Mp4Size : image.SourceSize ?? image.Size,
            Views = (int)Math.Min(int.MaxValue, image.Views + pending.Views),
            Bandwidth = image.Bandwidth + pending.Bytes,
            Favorite = favorite,
            AccountUrl = ownerUsername,
            AccountId = image.AccountId ?? 0,
            Deletehash = revealSecrets ? image.DeleteHash : null,
            Name = revealSecrets ? image.Name : null,
            InGallery = inGallery,
            Link = links.DirectLink(context, image.Id, image.Type),
            Gifv = animation ? links.LinkWithExtension(context, image.Id, "gifv") : null,
            Mp4 = animation ? links.LinkWithExtension(context, image.Id, "mp4") : null,
            Mp4Size = animation ? image.Mp4Size : null,
            Looping = animation ? true : null,
            HasSound = animation ? image.HasSound : null,
            Processing = animation ? new ProcessingModel(image.Processing!) : null,
        };
    }
}
