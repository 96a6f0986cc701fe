using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.Gallery;

/// <summary>A gallery tag. Tags come into being with the gallery; until then there are none to follow.</summary>
public sealed class Tag
{
    /// <summary>Lower-case: tags are the same tag in any case.</summary>
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public long CreatedAt { get; set; }
}

public sealed class TagFollow
{
    public int AccountId { get; set; }
    public required string TagName { get; set; }
    public long CreatedAt { get; set; }
}

public sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.ToTable("tags");
        builder.HasKey(t => t.Name);
        builder.Property(t => t.Name).HasMaxLength(64);
        builder.Property(t => t.DisplayName).HasMaxLength(64);
    }
}

public sealed class TagFollowConfiguration : IEntityTypeConfiguration<TagFollow>
{
    public void Configure(EntityTypeBuilder<TagFollow> builder)
    {
        builder.ToTable("tag_follows");
        builder.HasKey(f => new { f.AccountId, f.TagName });
        builder.Property(f => f.TagName).HasMaxLength(64);
        builder.HasOne<Account>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tag>().WithMany().HasForeignKey(f => f.TagName).OnDelete(DeleteBehavior.Cascade);
    }
}
