using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Picshelf.Accounts;
using Picshelf.Storage;

namespace Picshelf.Web;

/// <summary>
/// The server-rendered pages: signing up and in with a cookie session, registering applications and
/// authorizing them. Every form carries an antiforgery token (Razor Pages checks it on every POST).
/// </summary>
public static class WebPages
{
    public static IServiceCollection AddPicshelfWeb(this IServiceCollection services)
    {
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Web";
            pages.Conventions.AuthorizePage("/OAuth/AddClient");
            pages.Conventions.AuthorizePage("/OAuth/Apps");
        });
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
        });
        services.AddAuthorization();
        // Cookies and antiforgery tokens are sealed with these keys: kept with the data, they survive restarts
        // and every process pointed at the same data directory can read them.
        services.AddDataProtection().SetApplicationName("Picshelf");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>>((keys, storage) =>
            keys.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(storage.Value.FullDataDirectory, "keys")), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        return services;
    }

    public static Task SignInAsync(HttpContext context, Account account) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, account.Username)],
            CookieAuthenticationDefaults.AuthenticationScheme)));

    public static int? AccountId(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
}
