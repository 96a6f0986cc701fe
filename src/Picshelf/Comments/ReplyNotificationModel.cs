namespace Picshelf.Comments;

/// <summary>A reply notification (docs/imgur-compatibility.md §8.10): the reply is its content.</summary>
public sealed record ReplyNotificationModel(long Id, int AccountId, bool Viewed, CommentModel Content);
