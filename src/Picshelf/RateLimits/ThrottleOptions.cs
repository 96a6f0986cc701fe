using System.ComponentModel.DataAnnotations;

namespace Picshelf.RateLimits;

/// <summary>
/// The <c>Throttles</c> section: what one address (and, at the token endpoint, one application) may try per window.
/// Accounts and applications cost nothing to make, and a failed exchange costs nothing to send, so without these one
/// address could make budgets of its own or guess at speed.
/// </summary>
public sealed class ThrottleOptions
{
    public const string Section = "Throttles";

    /// <summary>Accounts one address may create per clock hour on the sign-up page.</summary>
    [Range(1, 1_000_000)]
    public int SignUpsPerHour { get; set; } = 5;

    /// <summary>Applications one address may register per clock hour.</summary>
    [Range(1, 1_000_000)]
    public int ApplicationsPerHour { get; set; } = 10;

    /// <summary>Failed exchanges at <c>/oauth2/token</c> one address may make per window, whatever application it names.</summary>
    [Range(1, 1_000_000)]
    public int TokenFailuresPerAddress { get; set; } = 20;

    /// <summary>
    /// Failed exchanges naming one application per window, from all addresses together: a guesser spread over many
    /// addresses still meets this. Higher than the address's, since anyone can spend it for the application's installs.
    /// </summary>
    [Range(1, 1_000_000)]
    public int TokenFailuresPerClient { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TokenFailureWindow { get; set; } = TimeSpan.FromMinutes(15);
}
