namespace Picshelf.Accounts;

/// <summary>The account an account route names, for routes anyone may read: 404 when there is none.</summary>
public sealed record NamedAccount(Account Account)
{
    public static async ValueTask<NamedAccount?> BindAsync(HttpContext context) => new(await AccountRoutes.FindAsync(context, ownOnly: false));
}
