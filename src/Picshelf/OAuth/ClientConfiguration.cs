using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.OAuth;

public sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.ToTable("clients");
        builder.Property(c => c.Id).HasMaxLength(32);
        builder.Property(c => c.SecretHash).HasMaxLength(64);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.RedirectUri).HasMaxLength(2000);
        builder.Property(c => c.Website).HasMaxLength(2000);
        builder.Property(c => c.Email).HasMaxLength(320);
        builder.Property(c => c.Description).HasMaxLength(2000);
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.OwnerAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
