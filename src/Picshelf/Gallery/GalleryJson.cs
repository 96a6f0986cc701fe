using System.Text.Json.Serialization;

namespace Picshelf.Gallery;

/// <summary>The gallery models as they cross the wire, with the options of <see cref="Api.ImgurJson"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(GalleryImageModel))]
[JsonSerializable(typeof(GalleryProfileModel))]
[JsonSerializable(typeof(GalleryAlbumModel))]
[JsonSerializable(typeof(GalleryVotesModel))]
[JsonSerializable(typeof(List<GalleryReportSummary>))]
[JsonSerializable(typeof(TagModel))]
[JsonSerializable(typeof(TagsModel))]
[JsonSerializable(typeof(PostTagsModel))]
internal sealed partial class GalleryJson : JsonSerializerContext;
