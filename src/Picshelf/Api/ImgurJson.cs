using System.Text.Json.Serialization;
using Picshelf.Images;
using Picshelf.OAuth;
using Picshelf.Accounts;
using Picshelf.Comments;
using Picshelf.RateLimits;

namespace Picshelf.Api;

/// <summary>
/// Every type that crosses the wire, source-generated: snake_case, nulls written, compact.
/// Clients parse exact shapes, so a property the spec marks "owner only" opts out of null writing
/// explicitly on its model instead of through a global setting.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(ErrorModel))]
[JsonSerializable(typeof(UploadErrorModel))]
[JsonSerializable(typeof(ImageModel))]
[JsonSerializable(typeof(TokenModel))]
[JsonSerializable(typeof(TokenInfoModel))]
[JsonSerializable(typeof(CreatedClient))]
[JsonSerializable(typeof(CreatedAccount))]
[JsonSerializable(typeof(AccountModel))]
[JsonSerializable(typeof(AccountSettingsModel))]
[JsonSerializable(typeof(AvatarModel))]
[JsonSerializable(typeof(AvailableAvatarsModel))]
[JsonSerializable(typeof(List<ImageModel>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<long>))]
[JsonSerializable(typeof(CommentModel))]
[JsonSerializable(typeof(List<CommentModel>))]
[JsonSerializable(typeof(List<ReplyNotificationModel>))]
[JsonSerializable(typeof(List<Gallery.GalleryImageModel>))]
[JsonSerializable(typeof(Gallery.GalleryImageModel))]
[JsonSerializable(typeof(List<System.Text.Json.JsonElement>))]
[JsonSerializable(typeof(Gallery.GalleryProfileModel))]
[JsonSerializable(typeof(Albums.AlbumModel))]
[JsonSerializable(typeof(List<Albums.AlbumModel>))]
[JsonSerializable(typeof(Albums.CreatedAlbumModel))]
[JsonSerializable(typeof(IReadOnlyList<ImageModel>))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(CreditsModel))]
[JsonSerializable(typeof(ClientLimitsModel))]
[JsonSerializable(typeof(Storage.BlobCopyResult))]
[JsonSerializable(typeof(Storage.GarbageCollectionResult))]
[JsonSerializable(typeof(ReadinessModel))]
[JsonSerializable(typeof(LivenessModel))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
internal sealed partial class ImgurJson : JsonSerializerContext;
