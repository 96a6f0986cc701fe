using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.OAuth;

public sealed class AccessGrantConfiguration : IEntityTypeConfiguration<AccessGrant>
{
    public void Configure(EntityTypeBuilder<AccessGrant> builder)
    {
        builder.ToTable("access_grants");
        builder.Property(g => g.ClientId).HasMaxLength(32);
        builder.Property(g => g.RefreshTokenHash).HasMaxLength(64);
        builder.HasIndex(g => g.RefreshTokenHash).IsUnique();
        builder.HasOne<Client>().WithMany().HasForeignKey(g => g.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(g => g.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
