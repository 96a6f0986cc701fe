using System.Text.Json.Serialization;

namespace Picshelf.Images;

/// <summary>The image models as they cross the wire and what the blob verbs print, with the options of <see cref="Api.ImgurJson"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(ImageModel))]
[JsonSerializable(typeof(List<ImageModel>))]
[JsonSerializable(typeof(BlobCopyResult))]
[JsonSerializable(typeof(GarbageCollectionResult))]
internal sealed partial class ImagesJson : JsonSerializerContext;
