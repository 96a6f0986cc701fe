namespace Picshelf.Comments;

/// <summary>One account's report of one comment, with the reason code it gave (the codes of gallery post reports).</summary>
public sealed class CommentReport
{
    public long CommentId { get; set; }
    public int AccountId { get; set; }
    public int? Reason { get; set; }
    public long CreatedAt { get; set; }
}
