using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.Comments;

/// <summary>
/// A comment on a gallery item. Comments are written with the gallery; until then the account routes that
/// read them answer from this table, which is empty.
/// </summary>
public sealed class Comment
{
    public long Id { get; set; }

    /// <summary>The gallery item (image or album id) the comment is on.</summary>
    public required string ImageId { get; set; }
    public int AccountId { get; set; }

    /// <summary>0 for a top-level comment, as in Imgur's payloads.</summary>
    public long ParentId { get; set; }
    public required string Text { get; set; }
    public bool OnAlbum { get; set; }
    public string? AlbumCover { get; set; }
    public int Ups { get; set; }
    public int Downs { get; set; }
    public required string Platform { get; set; }
    public bool Deleted { get; set; }
    public long CreatedAt { get; set; }
}

/// <summary>A reply to one of the account's comments, until it is marked viewed.</summary>
public sealed class ReplyNotification
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public long CommentId { get; set; }
    public bool Viewed { get; set; }
    public long CreatedAt { get; set; }
}

public sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.ToTable("comments");
        builder.Property(c => c.ImageId).HasMaxLength(16);
        builder.Property(c => c.AlbumCover).HasMaxLength(16);
        builder.Property(c => c.Platform).HasMaxLength(16);
        builder.HasIndex(c => new { c.AccountId, c.CreatedAt });
        // Threads and per-item counts are read by the item they are on.
        builder.HasIndex(c => new { c.ImageId, c.ParentId });
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReplyNotificationConfiguration : IEntityTypeConfiguration<ReplyNotification>
{
    public void Configure(EntityTypeBuilder<ReplyNotification> builder)
    {
        builder.ToTable("reply_notifications");
        builder.HasIndex(n => new { n.AccountId, n.Viewed });
        builder.HasOne<Account>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Comment>().WithMany().HasForeignKey(n => n.CommentId).OnDelete(DeleteBehavior.Cascade);
    }
}
