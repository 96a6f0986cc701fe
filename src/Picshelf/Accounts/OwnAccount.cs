namespace Picshelf.Accounts;

/// <summary>The account an account route names, for routes that answer its owner only: someone else's token gets 403.</summary>
public sealed record OwnAccount(Account Account)
{
    public static async ValueTask<OwnAccount?> BindAsync(HttpContext context) => new(await AccountRoutes.FindAsync(context, ownOnly: true));
}
