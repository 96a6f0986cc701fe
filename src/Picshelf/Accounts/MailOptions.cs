using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace Picshelf.Accounts;

public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The SMTP server; unset means mails are written to the log instead of sent.</summary>
    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    /// <summary>Auto (STARTTLS when offered), None, StartTls or SslOnConnect.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? Username { get; set; }
    public string? Password { get; set; }

    [Required]
    public string From { get; set; } = "Picshelf <picshelf@localhost>";
}
