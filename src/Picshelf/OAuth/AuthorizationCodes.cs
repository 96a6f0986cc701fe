using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Picshelf.Data;

namespace Picshelf.OAuth;

/// <summary>Hands out codes and PINs on the authorize page and redeems each once at the token endpoint.</summary>
public sealed class AuthorizationCodes(PicshelfDb db, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    // A PIN is typed by hand (ShareX asks for it), so it avoids characters that look alike: 10 of 32, 50 bits,
    // good for ten minutes and one use, and only together with the application's secret.
    private const string PinAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const int PinLength = 10;

    public async Task<string> CreateAsync(string clientId, int accountId, AuthorizationCodeKind kind, CancellationToken cancellationToken)
    {
        var code = kind == AuthorizationCodeKind.Pin ? RandomNumberGenerator.GetString(PinAlphabet, PinLength) : TokenDigest.NewToken();
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        await db.AuthorizationCodes.Where(c => c.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        db.AuthorizationCodes.Add(new AuthorizationCode
        {
            CodeHash = TokenDigest.Of(Normalize(code, kind)),
            ClientId = clientId,
            AccountId = accountId,
            Kind = kind,
            ExpiresAt = now + (long)Lifetime.TotalSeconds,
        });
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }

    /// <summary>The account the code was given for, or null when it is unknown, expired, used, of another kind or another client.</summary>
    public async Task<int?> RedeemAsync(string clientId, string code, AuthorizationCodeKind kind, CancellationToken cancellationToken)
    {
        var digest = TokenDigest.Of(Normalize(code, kind));
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var issued = await db.AuthorizationCodes.AsNoTracking()
            .SingleOrDefaultAsync(c => c.CodeHash == digest && c.ClientId == clientId && c.Kind == kind && c.ExpiresAt > now, cancellationToken);
        if (issued is null)
        {
            return null;
        }
        // Of two exchanges racing with one code, only the one that deletes it wins.
        var deleted = await db.AuthorizationCodes.Where(c => c.CodeHash == digest).ExecuteDeleteAsync(cancellationToken);
        return deleted == 1 ? issued.AccountId : null;
    }

    private static string Normalize(string code, AuthorizationCodeKind kind) =>
        kind == AuthorizationCodeKind.Pin ? code.Trim().ToUpperInvariant() : code.Trim();
}
