using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.OAuth;
using Picshelf.RateLimits;
using Picshelf.Storage;

namespace Picshelf.Web;

/// <summary>
/// The server-rendered pages: signing up and in with a cookie session, registering applications and
/// authorizing them, the image and album pages and the deletion link. Every form carries an antiforgery token (Razor
/// Pages checks it on every POST).
/// </summary>
public static class WebPages
{
    public static IServiceCollection AddWeb(this IServiceCollection services)
    {
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Web";
            pages.Conventions.AuthorizePage("/OAuth/AddClient");
            pages.Conventions.AuthorizePage("/OAuth/Apps");
            pages.Conventions.AuthorizePage("/Settings/Password");
            pages.Conventions.AuthorizePage("/Tools/ShareX");
            pages.Conventions.AuthorizeFolder("/Uploads");
            pages.Conventions.AuthorizePage("/Settings/Settings");
        }).AddMvcOptions(mvc =>
        {
            mvc.Filters.Add<PageHeaders>();
            mvc.Filters.Add(new MissingPageHandler());
        });
        services.Configure<RouteOptions>(routes => routes.SetParameterPolicy<ItemIdConstraint>(ItemIdConstraint.Name));
        services.AddSingleton<PageLinks>();
        services.AddOutputCache(ItemPageCache.Configure);
        services.AddSingleton<ItemPageCache>();
        services.AddScoped<UploadTokens>();
        services.AddScoped<PageCallers>();
        // PageHeaders sends X-Frame-Options: DENY on every page; antiforgery's own SAMEORIGIN, on some, would replace it.
        services.AddAntiforgery(antiforgery => antiforgery.SuppressXFrameOptionsHeader = true);
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = "/signin";
            cookie.LogoutPath = "/signout";
            cookie.Cookie.Name = "picshelf";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = ValidateSessionAsync;
        });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<WebOptions>>((cookie, web) => cookie.ExpireTimeSpan = web.Value.SessionSlidingLifetime);
        services.AddAuthorization();
        services.AddDataProtection().SetApplicationName("Picshelf");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>, IOptions<WebOptions>>((keys, storage, web) =>
        {
            var folder = web.Value.KeysDirectory ?? Path.Combine(storage.Value.FullDataDirectory, "keys");
            var directory = OperatingSystem.IsWindows()
                ? Directory.CreateDirectory(folder)
                : Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            keys.XmlRepository = new FileSystemXmlRepository(directory, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        });
        return services;
    }

    /// <summary>The API's refusal of a page's change: its status (and <c>Retry-After</c>) on the page, and the message the page shows.</summary>
    public static string Refuse(HttpResponse response, ApiException refused)
    {
        response.StatusCode = refused.Status;
        if (refused.RetryAfter is { } wait)
        {
            ApiException.WriteRetryAfter(response, wait);
        }
        return refused.Message;
    }

    /// <summary>A throttle's refusal on a page: 429 with <c>Retry-After</c>, and the message the page shows.</summary>
    public static string Refuse(HttpResponse response, AttemptThrottle.Attempt attempt, string what)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        ApiException.WriteRetryAfter(response, attempt.RetryAfter);
        return attempt.RefusalMessage(what);
    }

    private const string StampClaim = "picshelf:stamp";
    private const string SignedInAtClaim = "picshelf:signed_in_at";

    public static async Task SignInAsync(HttpContext context, Account account)
    {
        var services = context.RequestServices;
        var stamp = await services.GetRequiredService<AccountSessions>().StampForSignInAsync(services.GetRequiredService<PicshelfDb>(), account, context.RequestAborted);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principal(account.Id, account.Username, stamp,
            services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds()));
    }

    /// <summary>
    /// Signing out ends every session of the account, in every browser and process, not just this cookie, and with them
    /// the upload page's tokens.
    /// </summary>
    public static async Task SignOutAsync(HttpContext context)
    {
        if (AccountId(context.User) is { } accountId)
        {
            await context.RequestServices.GetRequiredService<AccountSessions>()
                .EndAllAsync(context.RequestServices.GetRequiredService<PicshelfDb>(), accountId, context.RequestAborted);
            await context.RequestServices.GetRequiredService<TokenIssuer>().RevokeSiteTokensAsync(accountId, context.RequestAborted);
        }
        UploadTokens.Forget(context);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>What tells this sign-in from the account's others and its later ones.</summary>
    public static string? SessionOf(ClaimsPrincipal user) => user.FindFirstValue(SignedInAtClaim);

    public static int? AccountId(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id) ? id : null;

    private static ClaimsPrincipal Principal(int accountId, string username, string stamp, long signedInAt) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, accountId.ToString(CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, username),
                new Claim(StampClaim, stamp), new Claim(SignedInAtClaim, signedInAt.ToString(CultureInfo.InvariantCulture)),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>
    /// A session lasts only as long as its account and its stamp: a deleted or disabled account's cookie, one from before a
    /// sign-out or a new password, and one older than <see cref="WebOptions.SessionAbsoluteLifetime"/> sign out, however
    /// recently used; a renamed account's shows the new name.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal!;
        var services = context.HttpContext.RequestServices;
        var accountId = AccountId(principal);
        var stamp = principal.FindFirstValue(StampClaim);
        var signedInAt = long.TryParse(principal.FindFirstValue(SignedInAtClaim), CultureInfo.InvariantCulture, out var at) ? at : long.MinValue;
        var session = accountId is null ? null
            : await services.GetRequiredService<AccountSessions>().FindAsync(accountId.Value, stamp, signedInAt, context.HttpContext.RequestAborted);
        var age = services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds() - signedInAt;
        if (session is null || session.Stamp.Length == 0 || session.Stamp != stamp
            || age >= services.GetRequiredService<IOptions<WebOptions>>().Value.SessionAbsoluteLifetime.TotalSeconds)
        {
            context.RejectPrincipal();
            UploadTokens.Forget(context.HttpContext);
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
        else if (session.Username != principal.Identity?.Name)
        {
            context.ReplacePrincipal(Principal(accountId!.Value, session.Username, session.Stamp, signedInAt));
            context.ShouldRenew = true;
        }
    }
}
