using System.Text.Json.Serialization;

namespace Picshelf.Images;

/// <summary>What <c>backup</c> and <c>restore</c> print and the backup's manifest, in the verbs' snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BackupResult))]
[JsonSerializable(typeof(BackupManifest))]
internal sealed partial class BackupJson : JsonSerializerContext;
