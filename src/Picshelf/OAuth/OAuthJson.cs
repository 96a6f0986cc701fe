using System.Text.Json.Serialization;

namespace Picshelf.OAuth;

/// <summary>The token answers and what <c>clients create</c> prints, with the options of <see cref="Api.ImgurJson"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(TokenModel))]
[JsonSerializable(typeof(TokenInfoModel))]
[JsonSerializable(typeof(CreatedClient))]
internal sealed partial class OAuthJson : JsonSerializerContext;
