using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.OAuth;

namespace Picshelf.RateLimits;

/// <summary>A UTC day on which an application was refused for having used all its daily credits.</summary>
public sealed class DailyLimitHit
{
    public required string ClientId { get; set; }
    public DateOnly Day { get; set; }
}

public sealed class DailyLimitHitConfiguration : IEntityTypeConfiguration<DailyLimitHit>
{
    public void Configure(EntityTypeBuilder<DailyLimitHit> builder)
    {
        builder.ToTable("daily_limit_hits");
        builder.HasKey(h => new { h.ClientId, h.Day });
        builder.Property(h => h.ClientId).HasMaxLength(32);
        builder.HasOne<Client>().WithMany().HasForeignKey(h => h.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
