using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.Gallery;

public sealed class GalleryTagVoteConfiguration : IEntityTypeConfiguration<GalleryTagVote>
{
    public void Configure(EntityTypeBuilder<GalleryTagVote> builder)
    {
        builder.ToTable("gallery_tag_votes");
        builder.HasKey(v => new { v.ItemId, v.TagName, v.AccountId });
        builder.Property(v => v.ItemId).HasMaxLength(16);
        builder.Property(v => v.TagName).HasMaxLength(TagNames.MaxLength);
        builder.HasOne<GalleryItemTag>().WithMany().HasForeignKey(v => new { v.ItemId, v.TagName }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(v => v.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
