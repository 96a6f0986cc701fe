using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.Gallery;

public sealed class GalleryFavoriteConfiguration : IEntityTypeConfiguration<GalleryFavorite>
{
    public void Configure(EntityTypeBuilder<GalleryFavorite> builder)
    {
        builder.ToTable("gallery_favorites");
        builder.HasKey(f => new { f.AccountId, f.ItemId });
        builder.Property(f => f.ItemId).HasMaxLength(16);
        builder.HasOne<Account>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<GalleryItem>().WithMany().HasForeignKey(f => f.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
