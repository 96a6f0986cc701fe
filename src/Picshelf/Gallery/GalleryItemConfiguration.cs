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
        // The lists' orders: hot (viral posts by rank), and every post by rank, by net votes and by time.
        builder.HasIndex(i => new { i.InMostViral, i.HotScore });
        builder.HasIndex(i => i.HotScore);
        builder.HasIndex(i => i.Score);
        builder.HasIndex(i => i.CreatedAt);
        builder.Property(i => i.Section).HasMaxLength(GallerySections.MaxLength);
        builder.HasIndex(i => new { i.Section, i.CreatedAt });
        builder.HasOne<Account>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
