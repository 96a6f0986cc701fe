using System.Text.Json.Serialization;

namespace Picshelf.Accounts;

/// <summary>The account models as they cross the wire and what <c>users create</c> prints, with the options of <see cref="Api.ImgurJson"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(AccountModel))]
[JsonSerializable(typeof(AccountSettingsModel))]
[JsonSerializable(typeof(AvatarModel))]
[JsonSerializable(typeof(AvailableAvatarsModel))]
[JsonSerializable(typeof(CreatedAccount))]
internal sealed partial class AccountsJson : JsonSerializerContext;
