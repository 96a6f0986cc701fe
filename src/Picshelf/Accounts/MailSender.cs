using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Picshelf.Accounts;

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
