using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.Images;

public sealed class ImageFavoriteConfiguration : IEntityTypeConfiguration<ImageFavorite>
{
    public void Configure(EntityTypeBuilder<ImageFavorite> builder)
    {
        builder.ToTable("image_favorites");
        builder.HasKey(f => new { f.AccountId, f.ImageId });
        builder.Property(f => f.ImageId).HasMaxLength(16);
        builder.HasOne<Account>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Image>().WithMany().HasForeignKey(f => f.ImageId).OnDelete(DeleteBehavior.Cascade);
    }
}
