using System.ComponentModel.DataAnnotations;

namespace Picshelf.RateLimits;

/// <summary>
/// Imgur's credit allocation (docs/imgur-compatibility.md §5.1): credits per application per UTC day, per user of an
/// application per clock hour, and POSTs per address per hour across all applications. An application's
/// own limits, set with <c>clients limits</c>, override these.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Off answers no rate-limit headers and charges nothing.</summary>
    public bool Enabled { get; set; } = true;

    [Range(0, int.MaxValue)]
    public int CreditsPerDay { get; set; } = 12_500;

    [Range(0, int.MaxValue)]
    public int UserCreditsPerHour { get; set; } = 500;

    /// <summary>Credits per address per clock hour for the public reads made without credentials, across all of them.</summary>
    [Range(0, int.MaxValue)]
    public int AnonymousCreditsPerHour { get; set; } = 500;

    /// <summary>
    /// True: a Bearer call of an account that has not verified its e-mail address is charged as a call without credentials
    /// (its address's <see cref="AnonymousCreditsPerHour"/>), and takes nothing of the application's day.
    /// </summary>
    public bool RequireVerifiedEmail { get; set; }

    [Range(0, int.MaxValue)]
    public int PostsPerHour { get; set; } = 1_250;

    [Range(0, 1_000_000)]
    public int RequestCost { get; set; } = 1;

    [Range(0, 1_000_000)]
    public int UploadCost { get; set; } = 10;

    /// <summary>Days in one calendar month on which the daily limit was hit before the application is blocked for the rest of it.</summary>
    [Range(1, 31)]
    public int DailyLimitHitsBeforeBlock { get; set; } = 5;

    /// <summary>
    /// Headers through which a commercial API gateway presents its key. The gateways' proxy-secret headers are
    /// the safe choice: a consumer's own key may sit in browser code, the gateway's secret only in the gateway.
    /// </summary>
    public string[] CommercialKeyHeaders { get; set; } = ["X-RapidAPI-Proxy-Secret", "X-Mashape-Proxy-Secret", "X-RapidAPI-Key", "X-Mashape-Key"];

    /// <summary>
    /// The keys that make a request commercial. Empty means the headers are ignored: a header anyone can
    /// send must not lift a limit by itself.
    /// </summary>
    public string[] CommercialKeys { get; set; } = [];
}
