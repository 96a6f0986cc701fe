using System.ComponentModel.DataAnnotations;

namespace Picshelf.OAuth;

public sealed class AccessTokenOptions
{
    public const string Section = "OAuth";

    /// <summary>How long an access token lives; refresh tokens do not expire.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromDays(28);

    /// <summary>
    /// Live access tokens one grant may hold: each install sharing a refresh token keeps its own until it expires, and a
    /// leaked refresh token cannot mint an unbounded pile of them. A refresh past it revokes the oldest.
    /// </summary>
    [Range(1, 1000)]
    public int MaxAccessTokensPerGrant { get; set; } = 10;
}
