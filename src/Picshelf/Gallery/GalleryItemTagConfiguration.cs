using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.Gallery;

public sealed class GalleryItemTagConfiguration : IEntityTypeConfiguration<GalleryItemTag>
{
    public void Configure(EntityTypeBuilder<GalleryItemTag> builder)
    {
        builder.ToTable("gallery_item_tags");
        builder.HasKey(t => new { t.ItemId, t.TagName });
        builder.Property(t => t.ItemId).HasMaxLength(16);
        builder.Property(t => t.TagName).HasMaxLength(TagNames.MaxLength);
        // A tag's page in each of its orders, ending in the post's id as the lists' ties do, with the columns its filters
        // read, so the page's ids come from the index alone.
        builder.HasIndex(t => new { t.TagName, t.PostHotScore, t.ItemId, t.PostCreatedAt, t.PostHidden, t.PostMature }).HasDatabaseName("IX_gallery_item_tags_by_rank");
        builder.HasIndex(t => new { t.TagName, t.PostScore, t.PostCreatedAt, t.ItemId, t.PostHidden, t.PostMature }).HasDatabaseName("IX_gallery_item_tags_by_points");
        builder.HasIndex(t => new { t.TagName, t.PostCreatedAt, t.ItemId, t.PostHidden, t.PostMature }).HasDatabaseName("IX_gallery_item_tags_by_time");
        builder.HasOne<GalleryItem>().WithMany().HasForeignKey(t => t.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tag>().WithMany().HasForeignKey(t => t.TagName).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
