using System.Text.Json.Serialization;
using Picshelf.Images;

namespace Picshelf.Albums;

/// <summary>The album models as they cross the wire, with the options of <see cref="Api.ImgurJson"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(AlbumModel))]
[JsonSerializable(typeof(List<AlbumModel>))]
[JsonSerializable(typeof(CreatedAlbumModel))]
[JsonSerializable(typeof(IReadOnlyList<ImageModel>))]
internal sealed partial class AlbumsJson : JsonSerializerContext;
