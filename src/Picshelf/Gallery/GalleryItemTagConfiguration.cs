using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.Gallery;

public sealed class GalleryItemTagConfiguration : IEntityTypeConfiguration<GalleryItemTag>
{
    public void Configure(EntityTypeBuilder<GalleryItemTag> builder)
    {
        builder.ToTable("gallery_item_tags");
        builder.HasKey(t => new { t.ItemId, t.TagName });
        builder.Property(t => t.ItemId).HasMaxLength(16);
        builder.Property(t => t.TagName).HasMaxLength(TagNames.MaxLength);
        // A tag's page reads its posts by tag.
        builder.HasIndex(t => t.TagName);
        builder.HasOne<GalleryItem>().WithMany().HasForeignKey(t => t.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tag>().WithMany().HasForeignKey(t => t.TagName).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
