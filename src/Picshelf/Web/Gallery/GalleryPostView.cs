using System.Text.Json;
using System.Text.Json.Serialization;
using Picshelf.Images;

namespace Picshelf.Web;

/// <summary>
/// The fields of a gallery post the pages show, read from the model <see cref="Gallery.GalleryPresenter"/> writes for the
/// API: the pages render what the API answers, so a field the API leaves out or hides is left out here too.
/// </summary>
public sealed record GalleryPostView(
    string Id,
    string? Title,
    string? Description,
    bool IsAlbum,
    string Link,
    string? Type,
    int Width,
    int Height,
    int Views,
    int Points,
    int Ups,
    int Downs,
    int CommentCount,
    string? AccountUrl,
    long Datetime,
    string? Cover,
    string? Vote,
    IReadOnlyList<GalleryTagView> Tags,
    IReadOnlyList<ImageModel>? Images,
    string? Mp4 = null,
    int? Mp4Size = null,
    bool? HasSound = null)
{
    public string Heading => ItemText.TitleOf(Title, "post");

    /// <summary>The image a post is seen by: itself, or its album's cover (the first image when the cover is not among them).</summary>
    public ImageModel? Picture =>
        !IsAlbum ? new ImageModel { Id = Id, Type = Type ?? "image/jpeg", Width = Width, Height = Height, Link = Link, Title = Title, Mp4 = Mp4,
            Mp4Size = Mp4Size, HasSound = HasSound }
        : Images is { Count: > 0 } images ? images.FirstOrDefault(i => i.Id == Cover) ?? images[0] : null;

    public static GalleryPostView Read(JsonElement model) =>
        model.Deserialize(GalleryPageJson.Default.GalleryPostView) ?? throw new InvalidOperationException("The presenter wrote no post");
}

public sealed record GalleryTagView(string Name);

/// <summary>Reads the API's snake_case models and comment threads as deep as the API writes them.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, MaxDepth = Api.ImgurResponseWriter.MaxDepth)]
[JsonSerializable(typeof(GalleryPostView))]
[JsonSerializable(typeof(List<Comments.CommentModel>))]
internal sealed partial class GalleryPageJson : JsonSerializerContext;
