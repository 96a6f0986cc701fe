using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.OAuth;

public sealed class ClientRegistration(PicshelfDb db, TimeProvider time)
{
    public async Task<CreatedClient> CreateAsync(string name, string? redirectUri, int? ownerAccountId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            throw ApiException.BadRequest("The application name must be 1 to 200 characters");
        }
        if (redirectUri is not null && (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            throw ApiException.BadRequest("The redirect URI must be an absolute http or https URL");
        }
        // Imgur's client ids are 15 hex digits and its secrets 40.
        var clientId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))[..15];
        var secret = TokenDigest.NewToken();
        db.Clients.Add(new Client
        {
            Id = clientId,
            SecretHash = TokenDigest.Of(secret),
            Name = name.Trim(),
            RedirectUri = redirectUri,
            OwnerAccountId = ownerAccountId,
            CreatedAt = time.GetUtcNow().ToUnixTimeSeconds(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedClient(clientId, secret);
    }
}
