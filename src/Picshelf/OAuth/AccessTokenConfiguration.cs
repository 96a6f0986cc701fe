using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Picshelf.OAuth;

public sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> builder)
    {
        builder.ToTable("access_tokens");
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        // Every Bearer call finds its token by this index.
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasOne<AccessGrant>().WithMany().HasForeignKey(t => t.GrantId).OnDelete(DeleteBehavior.Cascade);
    }
}
