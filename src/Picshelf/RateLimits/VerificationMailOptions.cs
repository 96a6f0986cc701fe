using System.ComponentModel.DataAnnotations;

namespace Picshelf.RateLimits;

/// <summary>The <c>Mail</c> section's throttle keys: how many verification mails one account, and one address, may ask for per window.</summary>
public sealed class VerificationMailOptions
{
    public const string Section = "Mail";

    [Range(1, 1_000_000)]
    public int VerificationsPerAccount { get; set; } = 3;

    /// <summary>Higher than per account: several people may share an address (a household, an office behind one NAT).</summary>
    [Range(1, 1_000_000)]
    public int VerificationsPerAddress { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan VerificationWindow { get; set; } = TimeSpan.FromHours(1);
}
