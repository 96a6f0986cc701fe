using System.Net;

namespace Picshelf.Accounts;

/// <summary>Counts verification mails per account and per address, so nobody can make the server mail an inbox (or an SMTP quota) to death.</summary>
public interface IVerificationMailThrottle
{
    /// <summary>Counts one mail, or refuses it with 429 and when to try again.</summary>
    Task CountAsync(int accountId, IPAddress? address, CancellationToken cancellationToken);
}
