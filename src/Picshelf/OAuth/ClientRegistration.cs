using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.OAuth;

/// <summary>Registers applications, and lets their owners renew a secret or delete one.</summary>
public sealed class ClientRegistration(PicshelfDb db, IDatabaseDialect dialect, TimeProvider time, CallerDirectory directory, ChosenNames names)
{
    public async Task<CreatedClient> CreateAsync(ClientDetails details, int? ownerAccountId, CancellationToken cancellationToken)
    {
        var name = names.Check("The application name", details.Name.Trim());
        if (name.Length is 0 or > 200)
        {
            throw ApiException.BadRequest("The application name must be 1 to 200 characters");
        }
        var redirectUri = RedirectUris.Check(details.RedirectUri);
        // The consent page shows the website and the description beside the name, so they may hide no more than it.
        var website = AbsoluteWebUrl(details.Website is null ? null : ChosenNames.CheckCharacters("The website", details.Website), "The website");
        var email = string.IsNullOrWhiteSpace(details.Email) ? null : details.Email.Trim();
        if (email is not null && !AccountRegistration.IsValidEmail(email))
        {
            throw ApiException.BadRequest("The e-mail address is not valid");
        }
        var description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim();
        // Lines of a textarea are the one control character a description may hold: the page shows them as spaces.
        ChosenNames.CheckCharacters("The description", description?.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ') ?? "");
        if (description?.Length > 2000)
        {
            throw ApiException.BadRequest("The description must be at most 2000 characters");
        }
        // Imgur's client ids are 15 hex digits and its secrets 40.
        var clientId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))[..15];
        var secret = TokenDigest.NewToken();
        db.Clients.Add(new Client
        {
            Id = clientId,
            SecretHash = TokenDigest.Of(secret),
            Name = name,
            RedirectUri = redirectUri,
            Website = website,
            Email = email,
            Description = description,
            OwnerAccountId = ownerAccountId,
            CreatedAt = time.GetUtcNow().ToUnixTimeSeconds(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedClient(clientId, secret);
    }

    /// <summary>A new secret for the owner's application; the old one stops working at once.</summary>
    public async Task<CreatedClient> RegenerateSecretAsync(string clientId, int ownerAccountId, CancellationToken cancellationToken)
    {
        var secret = TokenDigest.NewToken();
        var digest = TokenDigest.Of(secret);
        var changed = await OwnedBy(clientId, ownerAccountId).ExecuteUpdateAsync(set => set.SetProperty(c => c.SecretHash, digest), cancellationToken);
        return changed == 1 ? new CreatedClient(clientId, secret) : throw ApiException.NotFound("Unable to find that application");
    }

    /// <summary>Deletes the owner's application and every token and code it was given.</summary>
    public async Task DeleteAsync(string clientId, int ownerAccountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        await using var transaction = await dialect.BeginWriteAsync(db, cancellationToken);
        var changed = await OwnedBy(clientId, ownerAccountId).ExecuteUpdateAsync(set => set.SetProperty(c => c.DeletedAt, now), cancellationToken);
        if (changed != 1)
        {
            throw ApiException.NotFound("Unable to find that application");
        }
        await DeleteWhatTheyGaveAsync(db, [clientId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Cached tokens of the application are refused through it: a Bearer call needs its application too.
        directory.ForgetClient(clientId);
    }

    /// <summary>Every token and code the applications gave, for a deletion that runs inside the caller's transaction.</summary>
    public static async Task DeleteWhatTheyGaveAsync(PicshelfDb db, IReadOnlyCollection<string> clientIds, CancellationToken cancellationToken)
    {
        await db.AccessGrants.Where(g => clientIds.Contains(g.ClientId)).ExecuteDeleteAsync(cancellationToken);
        await db.AuthorizationCodes.Where(c => clientIds.Contains(c.ClientId)).ExecuteDeleteAsync(cancellationToken);
    }

    public Task<List<Client>> OwnedByAsync(int ownerAccountId, CancellationToken cancellationToken) =>
        db.Clients.AsNoTracking().Where(c => c.OwnerAccountId == ownerAccountId && c.DeletedAt == null)
            .OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);

    private IQueryable<Client> OwnedBy(string clientId, int ownerAccountId) =>
        db.Clients.Where(c => c.Id == clientId && c.OwnerAccountId == ownerAccountId && c.DeletedAt == null);

    private static string? AbsoluteWebUrl(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var text = value.Trim();
        return text.Length <= 2000 && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? text
            : throw ApiException.BadRequest($"{what} must be an absolute http or https URL");
    }
}
