using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.Gallery;

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
