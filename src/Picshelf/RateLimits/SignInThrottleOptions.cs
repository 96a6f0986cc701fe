using System.ComponentModel.DataAnnotations;

namespace Picshelf.RateLimits;

/// <summary>The <c>SignIn</c> section: how many failed sign-ins one address may make per window.</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn";

    /// <summary>Failed sign-ins one address may make per window before it has to wait for the next one.</summary>
    [Range(1, 1_000_000)]
    public int FailuresAllowed { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}
