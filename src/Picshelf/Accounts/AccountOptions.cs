using System.ComponentModel.DataAnnotations;

namespace Picshelf.Accounts;

/// <summary>The <c>Accounts</c> section.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>
    /// How long a name given up by a rename or a deletion stays out of others' reach (the account that gave it up may take
    /// it back meanwhile), so links, caches and people that knew the name do not land on a newcomer. Zero turns it off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan FreedUsernameHold { get; set; } = TimeSpan.FromDays(30);
}
