using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.Comments;

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
        // A deleted account's comments stay in their threads, authorless, so other people's replies stay reachable.
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.SetNull);
    }
}
