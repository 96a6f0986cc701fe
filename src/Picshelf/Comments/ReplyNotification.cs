namespace Picshelf.Comments;

/// <summary>A reply to one of the account's comments, until it is marked viewed.</summary>
public sealed class ReplyNotification
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public long CommentId { get; set; }
    public bool Viewed { get; set; }
    public long CreatedAt { get; set; }
}
