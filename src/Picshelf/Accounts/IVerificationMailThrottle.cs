using System.Net;

namespace Picshelf.Accounts;

/// <summary>Counts verification mails per account and per address, so nobody can make the server mail an inbox (or an SMTP quota) to death.</summary>
public interface IVerificationMailThrottle
{
    /// <summary>Counts one mail; null when it may go, otherwise when the next may.</summary>
    Task<DateTimeOffset?> RefusedUntilAsync(int accountId, IPAddress? address, CancellationToken cancellationToken);
}
