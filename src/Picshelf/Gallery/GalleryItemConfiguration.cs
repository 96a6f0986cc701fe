using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.Gallery;

public sealed class GalleryItemConfiguration : IEntityTypeConfiguration<GalleryItem>
{
    public void Configure(EntityTypeBuilder<GalleryItem> builder)
    {
        builder.ToTable("gallery_items");
        builder.Property(i => i.Id).HasMaxLength(16);
        builder.Property(i => i.Title).HasMaxLength(255);
        builder.Property(i => i.Topic).HasMaxLength(64);
        builder.HasIndex(i => new { i.AccountId, i.CreatedAt });
        builder.HasOne<Account>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
