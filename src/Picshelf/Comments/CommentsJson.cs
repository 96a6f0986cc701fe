using System.Text.Json.Serialization;
using Picshelf.Api;

namespace Picshelf.Comments;

/// <summary>
/// The comment models as they cross the wire, with the options of <see cref="Api.ImgurJson"/>, and room for threads a
/// thousand replies deep (<see cref="ImgurResponseWriter.MaxDepth"/>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false,
    MaxDepth = ImgurResponseWriter.MaxDepth)]
[JsonSerializable(typeof(CommentModel))]
[JsonSerializable(typeof(List<CommentModel>))]
[JsonSerializable(typeof(List<ReplyNotificationModel>))]
[JsonSerializable(typeof(ReplyNotificationModel))]
[JsonSerializable(typeof(NotificationsModel))]
[JsonSerializable(typeof(CreatedComment))]
[JsonSerializable(typeof(ReportList))]
internal sealed partial class CommentsJson : JsonSerializerContext;
