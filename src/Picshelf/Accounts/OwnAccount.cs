using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Accounts;

/// <summary>The account an account route names, for routes that answer its owner only: someone else's token gets 403.</summary>
public sealed record OwnAccount(Account Account)
{
    public static async ValueTask<OwnAccount?> BindAsync(HttpContext context) =>
        new(await AccountLookup.OwnAsync(context.RequestServices.GetRequiredService<PicshelfDb>(), Caller.Of(context),
            AccountRoutes.Username(context), context.RequestAborted));
}
