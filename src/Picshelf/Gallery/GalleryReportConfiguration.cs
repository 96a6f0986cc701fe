using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.Gallery;

public sealed class GalleryReportConfiguration : IEntityTypeConfiguration<GalleryReport>
{
    public void Configure(EntityTypeBuilder<GalleryReport> builder)
    {
        builder.ToTable("gallery_reports");
        builder.HasKey(r => new { r.ItemId, r.AccountId });
        builder.Property(r => r.ItemId).HasMaxLength(16);
        builder.HasIndex(r => r.CreatedAt);
        builder.HasOne<GalleryItem>().WithMany().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
