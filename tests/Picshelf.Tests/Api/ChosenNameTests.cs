using System.Net;
using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Api;

/// <summary>Names others read (application names on the consent page, usernames) hide nothing and do not pose as the site.</summary>
public sealed class ChosenNameTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Theory]
    [InlineData("Evil\u202Egnp.exe", "U+202E")]
    [InlineData("Left\u2066isolated\u2069", "U+2066")]
    [InlineData("\u200FRight mark", "U+200F")]
    [InlineData("Zero\u200Bwidth", "U+200B")]
    [InlineData("Joined\u2060word", "U+2060")]
    [InlineData("\uFEFFMarked", "U+FEFF")]
    [InlineData("Tagged\U000E0041", "U+E0041")]
    [InlineData("Bell\u0007", "U+0007")]
    [InlineData("Line\u2028break", "U+2028")]
    public async Task AnApplicationName_WithControlDirectionOrInvisibleCharacters_IsRefused(string name, string codePoint)
    {
        var error = await RefusedRegistrationAsync(name);

        Assert.Equal($"The application name may not hold control, direction or invisible characters (it holds {codePoint})", error);
    }

    [Theory]
    [InlineData("Picshelf")]
    [InlineData("  picshelf ")]
    [InlineData("PICSHELF")]
    [InlineData("Picshelf (official)")]
    [InlineData("picshelf uploader")]
    public async Task AnApplicationName_ClaimingTheSitesName_IsRefused(string name)
    {
        var error = await RefusedRegistrationAsync(name);

        Assert.Equal("The application name may not begin with Picshelf: that is this site's own name", error);
    }

    [Theory]
    [InlineData("My Picshelf uploader")]
    [InlineData("Café ☕ uploader 🇫🇷")]
    [InlineData("שלום uploader")]
    public async Task AnApplicationName_OfPlainTextInAnyScript_IsTaken(string name)
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();

        var (clientId, _) = await browser.RegisterApplicationAsync(null, name);

        Assert.Equal(name, await app.WithDbAsync(db => db.Clients.Where(c => c.Id == clientId).Select(c => c.Name).SingleAsync()));
    }

    [Theory]
    [InlineData("picshelf")]
    [InlineData("PicShelf")]
    [InlineData("PicshelfOfficial")]
    public async Task SigningUp_AsTheSitesName_IsRefused(string username)
    {
        using var browser = new BrowserSession(app);
        await browser.GetAsync("/signup");

        using var response = await browser.SubmitAsync("/signup", ("username", username), ("email", $"{username}@example.com"), ("password", "correct horse battery"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The username may not begin with Picshelf", browser.LastPage, StringComparison.Ordinal);
        var normalized = username.ToUpperInvariant();
        Assert.False(await app.WithDbAsync(db => db.Accounts.AnyAsync(a => a.NormalizedUsername == normalized)));
    }

    [Fact]
    public async Task RenamingAnAccount_ToTheSitesName_IsRefused_AndChangesNothing()
    {
        var user = await app.SignedInClientAsync();

        using var response = await user.Http.PutAsync($"/3/account/{user.Username}/settings", Forms.Form(("username", "PicshelfTeam"), ("bio", "changed")));

        Assert.Equal("The username may not begin with Picshelf: that is this site's own name", await Envelope.ErrorAsync(response, 400));
        var account = await app.WithDbAsync(db => db.Accounts.SingleAsync(a => a.Id == user.AccountId));
        Assert.Equal(user.Username, account.Username);
        Assert.Null(account.Bio);
    }

    [Fact]
    public async Task TheReservedName_IsTheConfiguredOne()
    {
        await using var renamed = new PicshelfApp().With("Web:SiteName", "Shelfie");
        using var browser = new BrowserSession(renamed);
        await browser.SignUpAsync();

        var (clientId, _) = await browser.RegisterApplicationAsync(null, "Picshelf uploader");
        await browser.GetAsync("/oauth2/addclient");
        using var refused = await browser.SubmitAsync("/oauth2/addclient", ("name", "shelfie (official)"), ("kind", "pin"), ("redirect_uri", ""));

        Assert.Matches("^[0-9a-f]{15}$", clientId);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("may not begin with Shelfie", browser.LastPage, StringComparison.Ordinal);
    }

    /// <summary>Submits the registration form with this name; the page must refuse it and register nothing. Returns its error.</summary>
    private async Task<string> RefusedRegistrationAsync(string name)
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var before = await app.WithDbAsync(db => db.Clients.CountAsync());
        await browser.GetAsync("/oauth2/addclient");

        using var response = await browser.SubmitAsync("/oauth2/addclient", ("name", name), ("kind", "pin"), ("redirect_uri", ""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.Clients.CountAsync()));
        return WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(browser.LastPage!, "class=\"error\"[^>]*>([^<]*)<").Groups[1].Value);
    }
}
