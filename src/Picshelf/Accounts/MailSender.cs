using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Picshelf.Api;

namespace Picshelf.Accounts;

/// <summary>
/// Sends the few mails Picshelf writes through the configured SMTP server (MailKit), or logs them when there is none.
/// Links in mails start at <c>Web:PublicBaseUrl</c> and never at the request's <c>Host</c>, which anyone can forge to
/// send a real mail pointing at their own site: with SMTP configured and no public base URL, mail is refused, said at
/// start and on every use. Without SMTP the mail reaches the operator's log only, and its links are paths.
/// </summary>
public sealed class MailSender(IOptions<MailOptions> options, IOptions<SiteLinkOptions> site, ILogger<MailSender> logger) : IHostedService
{
    public const string NoPublicBaseUrl = "This server sends no mail: its operator set Mail:SmtpHost but not Web:PublicBaseUrl, the address links in mails must point to";

    private readonly string? publicBaseUrl = site.Value.PublicBaseUrl?.TrimEnd('/');

    private bool Refuses => publicBaseUrl is null && IsSmtpConfigured;

    private bool IsSmtpConfigured => !string.IsNullOrWhiteSpace(options.Value.SmtpHost);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Refuses)
        {
            logger.LogError(NoPublicBaseUrl);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The link a mail carries to this page; refused (503) when mail would go out with no public base URL to start it.</summary>
    public string LinkTo(string pathAndQuery) =>
        Refuses ? throw new ApiException(StatusCodes.Status503ServiceUnavailable, NoPublicBaseUrl) : (publicBaseUrl ?? "") + pathAndQuery;

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
        // This may go on on the runtime's socket thread (InlineSocketCompletions); the caller's next step (SQLite) must not hold it.
        await Task.Yield();
    }
}
