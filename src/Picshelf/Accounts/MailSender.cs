using System.ComponentModel.DataAnnotations;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

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

/// <summary>Sends the few mails Picshelf writes through the configured SMTP server (MailKit), or logs them when there is none.</summary>
public sealed class MailSender(IOptions<MailOptions> options, ILogger<MailSender> logger)
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        if (string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            logger.LogWarning("No SMTP server is configured (Mail:SmtpHost), so this mail to {To} was not sent:\n{Subject}\n{Body}", to, subject, body);
            return;
        }
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, settings.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
