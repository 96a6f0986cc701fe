using System.Globalization;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Accounts;

/// <summary>
/// The Account routes of the account itself: its model, avatar, settings, e-mail verification and deletion. The base
/// model is public; the rest answer the owner only (someone else's token gets 403). The features map their own
/// sub-routes (images, albums, comments, gallery) on <see cref="AccountRoutes"/>.
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        var account = app.MapAccountRoutes();
        account.MapGet("", GetAccount).AnswersWithoutCredentials();
        account.MapGet("/avatar", GetAvatar);
        account.MapGet("/available_avatars", (HttpContext context, PublicLinks links) => ImgurResult.Ok(Avatars.Available(links.BaseUrl(context)), AccountsJson.Default.AvailableAvatarsModel));
        account.MapGet("/settings", GetSettings);
        account.MapPut("/settings", ChangeSettings);
        account.MapPost("/settings", ChangeSettings);
        account.MapPost("/delete", DeleteAccount);
        account.MapGet("/verifyemail", IsEmailVerified);
        account.MapPost("/verifyemail", SendVerificationEmail);
        app.MapAvatars();
    }

    public static async Task<ImgurResult<AccountModel>> GetAccount(string username, HttpContext context, Caller caller, PicshelfDb db,
        PublicLinks links, CancellationToken cancellationToken)
    {
        var byId = context.Request.Query["account_id"].ToString();
        var account = byId.Length == 0 ? await AccountLookup.FindAsync(db, caller, username, cancellationToken)
            : int.TryParse(byId, NumberStyles.None, CultureInfo.InvariantCulture, out var accountId) ? await AccountLookup.FindByIdAsync(db, accountId, cancellationToken)
            : throw ApiException.BadRequest("account_id must be a whole number");
        return ImgurResult.Ok(account.ToModel(links.BaseUrl(context)), AccountsJson.Default.AccountModel);
    }

    /// <summary>The caller's own avatar URL and name (null when none is chosen).</summary>
    public static ImgurResult<AvatarModel> GetAvatar(OwnAccount owner, HttpContext context, PublicLinks links) =>
        ImgurResult.Ok(new AvatarModel(AccountMapping.AvatarOf(owner.Account, links.BaseUrl(context)), owner.Account.AvatarName), AccountsJson.Default.AvatarModel);

    public static ImgurResult<AccountSettingsModel> GetSettings(OwnAccount owner) =>
        ImgurResult.Ok(owner.Account.ToSettingsModel(), AccountsJson.Default.AccountSettingsModel);

    public static async Task<ImgurResult<bool>> ChangeSettings(OwnAccount owner, HttpRequest request, AccountSettings settings, CancellationToken cancellationToken)
    {
        await settings.ChangeAsync(owner.Account.Id, await RequestFields.ReadAsync(request, cancellationToken), cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<bool>> DeleteAccount(OwnAccount owner, HttpRequest request, AccountDeletion deletion, CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadBodyAsync(request, cancellationToken);
        await deletion.DeleteAsync(owner.Account.Id, fields.GetValueOrDefault("password"), request.HttpContext.Connection.RemoteIpAddress, cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static ImgurResult<bool> IsEmailVerified(OwnAccount owner) => ImgurResult.Ok(owner.Account.EmailVerifiedAt is not null);

    public static async Task<ImgurResult<bool>> SendVerificationEmail(OwnAccount owner, Caller caller, EmailVerification verification,
        CancellationToken cancellationToken)
    {
        await verification.SendAsync(owner.Account, caller.Address, cancellationToken);
        return ImgurResult.Ok(true);
    }
}
