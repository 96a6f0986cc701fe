using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;
using Picshelf.OAuth;

namespace Picshelf.Images;

public sealed class ImageConfiguration : IEntityTypeConfiguration<Image>
{
    public void Configure(EntityTypeBuilder<Image> builder)
    {
        builder.ToTable("images");
        builder.Property(i => i.Id).HasMaxLength(16);
        builder.Property(i => i.DeleteHash).HasMaxLength(16);
        builder.HasIndex(i => i.DeleteHash).IsUnique();
        builder.Property(i => i.ClientId).HasMaxLength(32);
        builder.Property(i => i.Title).HasMaxLength(ImageLimits.TitleLength);
        builder.Property(i => i.Description).HasMaxLength(ImageLimits.DescriptionLength);
        builder.Property(i => i.Name).HasMaxLength(ImageLimits.NameLength);
        builder.Property(i => i.Type).HasMaxLength(64);
        builder.HasIndex(i => new { i.AccountId, i.CreatedAt });
        builder.HasOne<Account>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Client>().WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.Restrict);
    }
}

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

public static class ImageLimits
{
    public const int TitleLength = 1024;
    public const int DescriptionLength = 10_000;
    public const int NameLength = 255;
}
