using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Images;
using Picshelf.OAuth;

namespace Picshelf.Albums;

public sealed class AlbumConfiguration : IEntityTypeConfiguration<Album>
{
    public void Configure(EntityTypeBuilder<Album> builder)
    {
        builder.ToTable("albums");
        builder.Property(a => a.Id).HasMaxLength(16);
        builder.Property(a => a.DeleteHash).HasMaxLength(IdGenerator.DeleteHashLength);
        builder.HasIndex(a => a.DeleteHash).IsUnique();
        builder.Property(a => a.ClientId).HasMaxLength(32);
        builder.Property(a => a.Title).HasMaxLength(ImageLimits.TitleLength);
        builder.Property(a => a.Description).HasMaxLength(ImageLimits.DescriptionLength);
        builder.Property(a => a.Privacy).HasMaxLength(8);
        builder.Property(a => a.Layout).HasMaxLength(16);
        builder.Property(a => a.CoverImageId).HasMaxLength(16);
        builder.HasIndex(a => new { a.AccountId, a.CreatedAt });
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Client>().WithMany().HasForeignKey(a => a.ClientId).OnDelete(DeleteBehavior.Restrict);
    }
}
