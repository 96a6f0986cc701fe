using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Picshelf.Images;

public sealed class RenditionJobConfiguration : IEntityTypeConfiguration<RenditionJob>
{
    public void Configure(EntityTypeBuilder<RenditionJob> builder)
    {
        builder.ToTable("rendition_jobs");
        builder.HasKey(j => j.ImageId);
        builder.Property(j => j.ImageId).HasMaxLength(16);
        builder.Property(j => j.LeaseOwner).HasMaxLength(64);
        builder.Property(j => j.Kind).HasMaxLength(16);
        builder.HasIndex(j => j.CreatedAt);
        builder.HasOne<Image>().WithMany().HasForeignKey(j => j.ImageId).OnDelete(DeleteBehavior.Cascade);
    }
}
