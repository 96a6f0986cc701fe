using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Accounts;

/// <summary>
/// <c>/3/account/{username}</c>, where <c>{username}</c> is a username or <c>me</c>. Every feature maps its own account
/// sub-routes (albums, comments, gallery, images) on this group and takes the account it names as a
/// <see cref="NamedAccount"/> or an <see cref="OwnAccount"/> parameter, looked up once while the request is bound.
/// </summary>
public static class AccountRoutes
{
    public static RouteGroupBuilder MapAccountRoutes(this IEndpointRouteBuilder app) => app.MapGroup("/3/account/{username}");

    internal static Task<Account> FindAsync(HttpContext context, bool ownOnly)
    {
        var db = context.RequestServices.GetRequiredService<PicshelfDb>();
        var username = context.Request.RouteValues["username"] as string ?? throw new InvalidOperationException("An account route without {username}");
        return ownOnly
            ? AccountLookup.OwnAsync(db, Caller.Of(context), username, context.RequestAborted)
            : AccountLookup.FindAsync(db, Caller.Of(context), username, context.RequestAborted);
    }
}
