using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Picshelf.Comments;

public sealed class CommentThreadVersionConfiguration : IEntityTypeConfiguration<CommentThreadVersion>
{
    public void Configure(EntityTypeBuilder<CommentThreadVersion> builder)
    {
        builder.ToTable("comment_thread_versions");
        builder.HasKey(v => v.PostId);
        builder.Property(v => v.PostId).HasMaxLength(16);
    }
}
