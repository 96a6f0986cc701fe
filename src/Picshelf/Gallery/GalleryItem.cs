using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.Gallery;

/// <summary>
/// An image or album shared to the gallery. Submitting, voting and the gallery lists come with the gallery;
/// the Account routes (submissions, gallery favorites, gallery profile) read these rows already.
/// </summary>
public sealed class GalleryItem
{
    /// <summary>The id of the image or album shared.</summary>
    public required string Id { get; set; }
    public bool IsAlbum { get; set; }
    public int AccountId { get; set; }
    public required string Title { get; set; }
    public string? Topic { get; set; }
    public int? TopicId { get; set; }
    public int Ups { get; set; }
    public int Downs { get; set; }
    public int Score { get; set; }
    public bool Mature { get; set; }
    public bool InMostViral { get; set; }
    public long CreatedAt { get; set; }
}

public sealed class GalleryFavorite
{
    public int AccountId { get; set; }
    public required string ItemId { get; set; }
    public long CreatedAt { get; set; }
}

public sealed class GalleryItemConfiguration : IEntityTypeConfiguration<GalleryItem>
{
    public void Configure(EntityTypeBuilder<GalleryItem> builder)
    {
        builder.ToTable("gallery_items");
        builder.Property(i => i.Id).HasMaxLength(16);
        builder.Property(i => i.Title).HasMaxLength(255);
        builder.Property(i => i.Topic).HasMaxLength(64);
        builder.HasIndex(i => new { i.AccountId, i.CreatedAt });
        builder.HasOne<Account>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class GalleryFavoriteConfiguration : IEntityTypeConfiguration<GalleryFavorite>
{
    public void Configure(EntityTypeBuilder<GalleryFavorite> builder)
    {
        builder.ToTable("gallery_favorites");
        builder.HasKey(f => new { f.AccountId, f.ItemId });
        builder.Property(f => f.ItemId).HasMaxLength(16);
        builder.HasOne<Account>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<GalleryItem>().WithMany().HasForeignKey(f => f.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
