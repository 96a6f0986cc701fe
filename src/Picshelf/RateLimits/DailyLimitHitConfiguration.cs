using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Picshelf.OAuth;

namespace Picshelf.RateLimits;

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
