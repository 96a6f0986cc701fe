using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.Accounts;

namespace Picshelf.OAuth;

public enum AuthorizationCodeKind
{
    Code,
    Pin,
}

/// <summary>
/// What the authorize page hands out for <c>response_type=code</c> or <c>pin</c>: exchanged once at
/// <c>POST /oauth2/token</c> within its lifetime, stored only as a digest like every token.
/// </summary>
public sealed class AuthorizationCode
{
    public required string CodeHash { get; set; }
    public required string ClientId { get; set; }
    public int AccountId { get; set; }
    public AuthorizationCodeKind Kind { get; set; }
    public long ExpiresAt { get; set; }
}

public sealed class AuthorizationCodeConfiguration : IEntityTypeConfiguration<AuthorizationCode>
{
    public void Configure(EntityTypeBuilder<AuthorizationCode> builder)
    {
        builder.ToTable("authorization_codes");
        builder.HasKey(c => c.CodeHash);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.Property(c => c.ClientId).HasMaxLength(32);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(8);
        builder.HasOne<Client>().WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
