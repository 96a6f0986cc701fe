using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Api;

namespace Picshelf.Accounts;

public sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.Property(a => a.Username).HasMaxLength(63);
        builder.Property(a => a.NormalizedUsername).HasMaxLength(63);
        builder.HasIndex(a => a.NormalizedUsername).IsUnique();
        builder.Property(a => a.Email).HasMaxLength(254);
        builder.Property(a => a.PasswordHash).HasMaxLength(256);
        builder.Property(a => a.Bio).HasMaxLength(AccountSettings.BioLength);
        builder.Property(a => a.AvatarName).HasMaxLength(64);
        builder.Property(a => a.AlbumPrivacy).HasMaxLength(8).HasDefaultValue(AlbumPrivacies.Hidden);
        builder.Property(a => a.MessagingEnabled).HasDefaultValue(true);
        builder.Property(a => a.SecurityStamp).HasMaxLength(32).HasDefaultValue("");
    }
}
