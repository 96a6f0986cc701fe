using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;
using Picshelf.Images;
using Picshelf.OAuth;

namespace Picshelf.Albums;

/// <summary>
/// An album: anonymous (managed by its deletehash) or an account's. Its images are ordered by
/// <see cref="AlbumImage.Position"/>; the cover is one of them.
/// </summary>
public sealed class Album : Api.IManagedByDeleteHash
{
    public required string Id { get; set; }
    public required string DeleteHash { get; set; }
    public int? AccountId { get; set; }
    public required string ClientId { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string Privacy { get; set; } = AlbumPrivacies.Hidden;
    public string Layout { get; set; } = AlbumLayouts.Blog;
    public string? CoverImageId { get; set; }
    public long Views { get; set; }
    public long CreatedAt { get; set; }
}

public sealed class AlbumImage
{
    public required string AlbumId { get; set; }
    public required string ImageId { get; set; }
    public int Position { get; set; }

    /// <summary>Uploaded with <c>album=</c>: an anonymous image that came this way has no life outside the album and goes with it.</summary>
    public bool AddedByUpload { get; set; }
}

public sealed class AlbumFavorite
{
    public int AccountId { get; set; }
    public required string AlbumId { get; set; }
    public long CreatedAt { get; set; }
}

public static class AlbumLayouts
{
    public const string Blog = "blog";

    public static bool IsValid(string value) => value is Blog or "grid" or "horizontal" or "vertical";
}

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
