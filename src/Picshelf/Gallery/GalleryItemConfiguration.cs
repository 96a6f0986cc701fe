using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.Gallery;

public sealed class GalleryItemConfiguration : IEntityTypeConfiguration<GalleryItem>
{
    public void Configure(EntityTypeBuilder<GalleryItem> builder)
    {
        builder.ToTable("gallery_items");
        builder.Property(i => i.Id).HasMaxLength(16);
        builder.Property(i => i.Title).HasMaxLength(255);
        builder.Property(i => i.Topic).HasMaxLength(64);
        builder.HasIndex(i => new { i.AccountId, i.CreatedAt });
        // The lists' orders, each ending in the id as the lists' ties do, and each carrying the columns the lists filter on,
        // so a page's ids are read from the index alone (GalleryLists reads the rows of the 60 it keeps afterwards):
        // hot (viral posts by rank, a partial index as `WHERE "InMostViral"` asks), and every post by rank, by net votes
        // and by time (which also serves the windows). The rank index carries the time for rising (the last day by rank):
        // rank grows with time, so the day's posts lead it, and page 100 reads 6,000 index entries, no rows.
        builder.HasIndex(i => new { i.HotScore, i.Id, i.Hidden, i.Mature }).HasDatabaseName("IX_gallery_items_viral").HasFilter("\"InMostViral\"");
        builder.HasIndex(i => new { i.HotScore, i.Id, i.CreatedAt, i.Hidden, i.Mature, i.InMostViral }).HasDatabaseName("IX_gallery_items_rank");
        builder.HasIndex(i => new { i.Score, i.CreatedAt, i.Id, i.Hidden, i.Mature, i.InMostViral });
        builder.HasIndex(i => new { i.CreatedAt, i.Id, i.Score, i.HotScore, i.Hidden, i.Mature, i.InMostViral });
        builder.Property(i => i.Section).HasMaxLength(GallerySections.MaxLength);
        builder.HasIndex(i => new { i.Section, i.CreatedAt });
        builder.HasOne<Account>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
