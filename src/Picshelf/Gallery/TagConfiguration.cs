using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Picshelf.Gallery;

public sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.ToTable("tags");
        builder.HasKey(t => t.Name);
        builder.Property(t => t.Name).HasMaxLength(64);
        builder.Property(t => t.DisplayName).HasMaxLength(64);
        // /3/tags lists the most used.
        builder.HasIndex(t => t.PostCount);
    }
}
