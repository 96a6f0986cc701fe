using System.Text.Json.Serialization;

namespace Picshelf.RateLimits;

/// <summary><c>/3/credits</c> and what the <c>clients limits</c> verbs print, with the options of <see cref="Api.ImgurJson"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(CreditsModel))]
[JsonSerializable(typeof(ClientLimitsModel))]
internal sealed partial class RateLimitsJson : JsonSerializerContext;
