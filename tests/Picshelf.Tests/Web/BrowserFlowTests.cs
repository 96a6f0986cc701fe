using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// The whole flow a person goes through, in real headless Chromium (Debian's, which the test command
/// installs) driven by Playwright: sign up, register an application, authorize it, and use the token.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class BrowserFlowTests
{
    internal static readonly string[] ChromiumArguments =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"];

    internal static readonly TimeSpan BrowserTimeout = TimeSpan.FromMinutes(2);

    private static readonly string[] ChromiumPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    internal static string Chromium() =>
        ChromiumPaths.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium is not installed: run ./test.sh, which installs it, or apt-get install chromium");

    [Fact]
    public async Task SignUp_RegisterAnApp_AuthorizeIt_AndCallTheApiWithTheToken()
    {
        await using var app = new PicshelfApp().With("urls", "http://127.0.0.1:0");
        app.UseKestrel();
        app.StartServer();
        var site = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var callback = site + "/app-callback";
        var username = "browser" + Guid.NewGuid().ToString("N")[..8];

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium(), Headless = true, Args = ChromiumArguments, Timeout = (float)BrowserTimeout.TotalMilliseconds,
        });
        var page = await browser.NewPageAsync();
        // The rest of the suite runs beside this test on two cores: a page can take longer than Playwright's 30 s default.
        page.SetDefaultTimeout((float)BrowserTimeout.TotalMilliseconds);

        await page.GotoAsync(site + "/signup");
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("E-mail").FillAsync(username + "@example.com");
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(site + "/account/settings/apps", new() { Timeout = (float)BrowserTimeout.TotalMilliseconds });

        await page.GetByRole(AriaRole.Link, new() { Name = "Register an application" }).First.ClickAsync();
        await page.GetByLabel("Application name").FillAsync("Browser test app");
        await page.GetByLabel("Authorization callback URL").FillAsync(callback);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        var clientId = (await page.Locator("#client-id").TextContentAsync())!.Trim();

        await page.GotoAsync($"{site}/oauth2/authorize?client_id={clientId}&response_type=token&state=from-the-browser");
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        // Addresses are polled: waiting for the navigation (WaitForURLAsync) hung when the click had already reached the
        // callback under load, for want of a load event that had come and gone.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(callback) + "#"), new() { Timeout = (float)BrowserTimeout.TotalMilliseconds });

        var fragment = QueryHelpers.ParseQuery("?" + new Uri(page.Url).Fragment.TrimStart('#'));
        Assert.Equal("from-the-browser", fragment["state"].ToString());
        using var api = new HttpClient { BaseAddress = new Uri(site) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fragment["access_token"].ToString());
        using var me = await api.GetAsync("/3/account/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(username, (await Envelope.DataAsync(me)).GetProperty("url").GetString());
    }
}
