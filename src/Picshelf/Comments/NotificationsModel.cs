namespace Picshelf.Comments;

/// <summary>
/// <c>GET /3/notification</c>: replies, and messages, which Picshelf does not have, always empty (imgurpython reads both
/// keys; docs/imgur-compatibility.md §8.10).
/// </summary>
public sealed record NotificationsModel(IReadOnlyList<ReplyNotificationModel> Replies, IReadOnlyList<ReplyNotificationModel> Messages);
