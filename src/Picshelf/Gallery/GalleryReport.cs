namespace Picshelf.Gallery;

/// <summary>One account's report of one gallery post, with Imgur's reason code when it gave one.</summary>
public sealed class GalleryReport
{
    public required string ItemId { get; set; }
    public int AccountId { get; set; }

    /// <summary><see cref="GalleryReportReasons"/>: 1 doesn't belong, 2 spam, 3 abusive, 4 mature not marked, 5 pornography.</summary>
    public int? Reason { get; set; }
    public long CreatedAt { get; set; }
}
