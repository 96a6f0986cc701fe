using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Picshelf.Accounts;

public sealed class FreedUsernameConfiguration : IEntityTypeConfiguration<FreedUsername>
{
    public void Configure(EntityTypeBuilder<FreedUsername> builder)
    {
        builder.ToTable("freed_usernames");
        builder.HasKey(n => n.NormalizedUsername);
        builder.Property(n => n.NormalizedUsername).HasMaxLength(63);
    }
}
