using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// The whole flow a person goes through, in real headless Chromium: sign up, register an application, authorize it,
/// and use the token.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class BrowserFlowTests
{
    [Fact]
    public async Task SignUp_RegisterAnApp_AuthorizeIt_AndCallTheApiWithTheToken()
    {
        await using var site = await ChromiumSite.StartAsync();
        var callback = site.Address + "/app-callback";
        var username = "browser" + Guid.NewGuid().ToString("N")[..8];
        var page = await site.NewPageAsync();

        await page.GotoAsync(site.Address + "/signup");
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("E-mail").FillAsync(username + "@example.com");
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await site.AuditAccessibilityAsync(page);
        await ChromiumSite.ScreenshotAsync(page, "signup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await ChromiumSite.ExpectAddressAsync(page, site.Address + "/account/settings/apps");
        await site.AuditAccessibilityAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Register an application" }).First.ClickAsync();
        await page.GetByLabel("Application name").FillAsync("Browser test app");
        await page.GetByLabel("Authorization callback URL").FillAsync(callback);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        var clientId = (await page.Locator("#client-id").TextContentAsync())!.Trim();

        await page.GotoAsync($"{site.Address}/oauth2/authorize?client_id={clientId}&response_type=token&state=from-the-browser");
        await site.AuditAccessibilityAsync(page);
        await ChromiumSite.ScreenshotAsync(page, "authorize");
        // The callback below is this test's, a 404 page the browser logs: nothing before it may have gone wrong.
        site.AssertNoProblems();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(callback) + "#"), new() { Timeout = (float)ChromiumSite.Timeout.TotalMilliseconds });

        var fragment = QueryHelpers.ParseQuery("?" + new Uri(page.Url).Fragment.TrimStart('#'));
        Assert.Equal("from-the-browser", fragment["state"].ToString());
        using var api = new HttpClient { BaseAddress = new Uri(site.Address) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fragment["access_token"].ToString());
        using var me = await api.GetAsync("/3/account/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(username, (await Envelope.DataAsync(me)).GetProperty("url").GetString());
    }
}
