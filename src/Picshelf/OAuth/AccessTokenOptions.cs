using System.ComponentModel.DataAnnotations;

namespace Picshelf.OAuth;

public sealed class AccessTokenOptions
{
    public const string Section = "OAuth";

    /// <summary>How long an access token lives; refresh tokens do not expire.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromDays(28);
}
