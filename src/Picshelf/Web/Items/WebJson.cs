using System.Text.Json.Serialization;

namespace Picshelf.Web;

/// <summary>What the site answers in JSON (oEmbed), with the options of <see cref="Api.ImgurJson"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(OEmbedModel))]
internal sealed partial class WebJson : JsonSerializerContext;
