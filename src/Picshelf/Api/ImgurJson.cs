using System.Text.Json;
using System.Text.Json.Serialization;

namespace Picshelf.Api;

/// <summary>
/// What the wire contract itself serializes, source-generated: the error envelopes, health answers and plain values.
/// Each feature keeps a context of its own models with these same options (snake_case, nulls written, compact), so a
/// new model touches only its feature. Clients parse exact shapes, so a property the spec marks "owner only" opts out
/// of null writing explicitly on its model instead of through a global setting.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(ErrorModel))]
[JsonSerializable(typeof(UploadErrorModel))]
[JsonSerializable(typeof(ReadinessModel))]
[JsonSerializable(typeof(LivenessModel))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<long>))]
[JsonSerializable(typeof(List<JsonElement>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
internal sealed partial class ImgurJson : JsonSerializerContext;
