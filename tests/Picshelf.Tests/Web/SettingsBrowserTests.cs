using Microsoft.Playwright;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// The settings page in real headless Chromium: signed in through the layout's "Settings" link, a person changes their
/// settings and avatar, saves, reloads and sees them kept, with no console error and no Content-Security-Policy violation.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class SettingsBrowserTests
{
    [Fact]
    public async Task SignIn_ChangeSettings_Reload_AndSeeThemKept()
    {
        await using var site = await ChromiumSite.StartAsync();
        var owner = await site.App.SignedInClientAsync();
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Address + "/signin");
        await page.GetByLabel("Username").FillAsync(owner.Username);
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Site" }).GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await ChromiumSite.ExpectAddressAsync(page, site.Address + "/account/settings");

        await page.GetByLabel("Bio").FillAsync("Birds, mostly <herons>");
        await page.GetByLabel("Privacy of new albums").SelectOptionAsync("secret");
        await page.GetByLabel("Show mature content").CheckAsync();
        await page.GetByLabel("Let other users send me messages").UncheckAsync();
        await page.GetByLabel("default/teal").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await ChromiumSite.ExpectAddressAsync(page, site.Address + "/account/settings?saved=true");
        await ChromiumSite.ExpectPicturesLoadedAsync(page);
        await site.AuditAccessibilityAsync(page);
        await ChromiumSite.ScreenshotAsync(page, "settings");
        await page.ReloadAsync();

        await Assertions.Expect(page.GetByLabel("Bio")).ToHaveValueAsync("Birds, mostly <herons>");
        await Assertions.Expect(page.GetByLabel("Privacy of new albums")).ToHaveValueAsync("secret");
        await Assertions.Expect(page.GetByLabel("Show mature content")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Let other users send me messages")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("default/teal")).ToBeCheckedAsync();
        site.AssertNoProblems();
    }
}
