using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.Comments;

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
