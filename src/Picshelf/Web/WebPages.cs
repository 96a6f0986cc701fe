using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Accounts;
using Picshelf.Data;
using Picshelf.RateLimits;
using Picshelf.Storage;

namespace Picshelf.Web;

/// <summary>
/// The server-rendered pages: signing up and in with a cookie session, registering applications and
/// authorizing them. Every form carries an antiforgery token (Razor Pages checks it on every POST).
/// </summary>
public static class WebPages
{
    public static IServiceCollection AddWeb(this IServiceCollection services)
    {
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section);
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Web";
            pages.Conventions.AuthorizePage("/OAuth/AddClient");
            pages.Conventions.AuthorizePage("/OAuth/Apps");
        }).AddMvcOptions(mvc => mvc.Filters.Add<PageHeaders>());
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
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = ValidateSessionAsync;
        });
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

    /// <summary>A throttle's refusal on a page: 429 with <c>Retry-After</c>, and the message the page shows.</summary>
    public static string Refuse(HttpResponse response, AttemptThrottle.Attempt attempt, string what)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(attempt.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return attempt.RefusalMessage(what);
    }

    public static Task SignInAsync(HttpContext context, Account account) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principal(account.Id, account.Username));

    public static int? AccountId(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    private static ClaimsPrincipal Principal(int accountId, string username) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, accountId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, username)],
            CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>A session lasts only as long as its account: a deleted account's cookie signs out, a renamed one shows the new name.</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var accountId = context.Principal is { } principal ? AccountId(principal) : null;
        var db = context.HttpContext.RequestServices.GetRequiredService<PicshelfDb>();
        var username = accountId is null ? null
            : await db.Accounts.Where(a => a.Id == accountId).Select(a => a.Username).SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (username is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
        else if (username != context.Principal!.Identity?.Name)
        {
            context.ReplacePrincipal(Principal(accountId!.Value, username));
            context.ShouldRenew = true;
        }
    }
}
