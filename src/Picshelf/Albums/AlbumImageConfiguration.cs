using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Images;

namespace Picshelf.Albums;

public sealed class AlbumImageConfiguration : IEntityTypeConfiguration<AlbumImage>
{
    public void Configure(EntityTypeBuilder<AlbumImage> builder)
    {
        builder.ToTable("album_images");
        builder.HasKey(i => new { i.AlbumId, i.ImageId });
        builder.Property(i => i.AlbumId).HasMaxLength(16);
        builder.Property(i => i.ImageId).HasMaxLength(16);
        builder.HasIndex(i => i.ImageId);
        builder.HasIndex(i => new { i.AlbumId, i.Position });
        builder.HasOne<Album>().WithMany().HasForeignKey(i => i.AlbumId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Image>().WithMany().HasForeignKey(i => i.ImageId).OnDelete(DeleteBehavior.Cascade);
    }
}
