namespace Picshelf.Accounts;

/// <summary>
/// <c>/3/account/{username}</c>, where <c>{username}</c> is a username or <c>me</c>. Every feature maps its own account
/// sub-routes (albums, comments, gallery, images) on this group and takes the account it names as a
/// <see cref="NamedAccount"/> or an <see cref="OwnAccount"/> parameter, looked up once while the request is bound.
/// </summary>
public static class AccountRoutes
{
    public static RouteGroupBuilder MapAccountRoutes(this IEndpointRouteBuilder app) => app.MapGroup("/3/account/{username}");

    internal static string Username(HttpContext context) =>
        context.Request.RouteValues["username"] as string ?? throw new InvalidOperationException("An account route without {username}");
}
