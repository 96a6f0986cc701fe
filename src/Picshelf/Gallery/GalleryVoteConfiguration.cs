using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.Gallery;

public sealed class GalleryVoteConfiguration : IEntityTypeConfiguration<GalleryVote>
{
    public void Configure(EntityTypeBuilder<GalleryVote> builder)
    {
        builder.ToTable("gallery_votes");
        builder.HasKey(v => new { v.ItemId, v.AccountId });
        builder.Property(v => v.ItemId).HasMaxLength(16);
        builder.HasOne<GalleryItem>().WithMany().HasForeignKey(v => v.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(v => v.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
