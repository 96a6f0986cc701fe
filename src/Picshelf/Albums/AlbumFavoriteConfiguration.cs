using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.Albums;

public sealed class AlbumFavoriteConfiguration : IEntityTypeConfiguration<AlbumFavorite>
{
    public void Configure(EntityTypeBuilder<AlbumFavorite> builder)
    {
        builder.ToTable("album_favorites");
        builder.HasKey(f => new { f.AccountId, f.AlbumId });
        builder.Property(f => f.AlbumId).HasMaxLength(16);
        builder.HasOne<Account>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Album>().WithMany().HasForeignKey(f => f.AlbumId).OnDelete(DeleteBehavior.Cascade);
    }
}
