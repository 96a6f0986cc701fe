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
        builder.Property(i => i.StoredType).HasMaxLength(64);
        builder.Property(i => i.Processing).HasMaxLength(16);
        builder.HasIndex(i => new { i.AccountId, i.CreatedAt });
        builder.HasOne<Account>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Client>().WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.Restrict);
    }
}
