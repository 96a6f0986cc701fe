using System.Text.Json.Serialization;

namespace Picshelf.Comments;

/// <summary>The comment models as they cross the wire, with the options of <see cref="Api.ImgurJson"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(CommentModel))]
[JsonSerializable(typeof(List<CommentModel>))]
[JsonSerializable(typeof(List<ReplyNotificationModel>))]
internal sealed partial class CommentsJson : JsonSerializerContext;
