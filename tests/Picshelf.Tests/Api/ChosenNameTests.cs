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
    [InlineData("Grapheme\u034Fjoined", "U+034F")]
    [InlineData("\u3164", "U+3164")]
    [InlineData("\u115FFiller", "U+115F")]
    [InlineData("Half\uFFA0width", "U+FFA0")]
    [InlineData("Selected\uFE0F", "U+FE0F")]
    [InlineData("\u2800", "U+2800")]
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
    [InlineData("P.i.c.s.h.e.l.f")]
    [InlineData("Pic shelf team")]
    [InlineData("_picSHELF_")]
    [InlineData("\"Picshelf\"")]
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
    [InlineData("description", "The description", "An uploader\u202Eexe.")]
    [InlineData("description", "The description", "Looks\u3164empty")]
    [InlineData("website", "The website", "https://example.com/\u200B")]
    [InlineData("website", "The website", "https://example.com/\u034F")]
    public async Task TheDescriptionAndWebsite_WithControlDirectionOrInvisibleCharacters_AreRefused(string field, string what, string value)
    {
        var error = await RefusedRegistrationAsync("Some uploader", (field, value));

        Assert.StartsWith($"{what} may not hold control, direction or invisible characters", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADescription_OverSeveralLines_IsTaken()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        await browser.GetAsync("/oauth2/addclient");

        using var response = await browser.SubmitAsync("/oauth2/addclient", ("name", "Lined uploader"), ("kind", "pin"), ("redirect_uri", ""),
            ("description", "Uploads screenshots.\r\nAnd nothing else."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Clients.AnyAsync(c => c.Description == "Uploads screenshots.\r\nAnd nothing else.")));
    }

    /// <summary>Usernames are ASCII letters and digits, so none of the characters names may not hold gets into one.</summary>
    [Theory]
    [InlineData("Grapheme\u034Fjoined")]
    [InlineData("Blank\u3164")]
    [InlineData("\u115FFiller")]
    [InlineData("Half\uFFA0width")]
    [InlineData("Selected\uFE0F")]
    [InlineData("Braille\u2800")]
    public async Task SigningUp_WithAnInvisibleCharacter_IsRefused(string username)
    {
        using var browser = new BrowserSession(app);
        await browser.GetAsync("/signup");

        using var response = await browser.SubmitAsync("/signup", ("username", username), ("email", "invisible@example.com"), ("password", "correct horse battery"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The username must be 4 to 63 letters and digits", browser.LastPage, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Accounts.AnyAsync(a => a.Username == username)));
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
    private async Task<string> RefusedRegistrationAsync(string name, params (string Name, string Value)[] more)
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var before = await app.WithDbAsync(db => db.Clients.CountAsync());
        await browser.GetAsync("/oauth2/addclient");

        using var response = await browser.SubmitAsync("/oauth2/addclient", [("name", name), ("kind", "pin"), ("redirect_uri", ""), .. more]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.Clients.CountAsync()));
        return WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(browser.LastPage!, "class=\"error\"[^>]*>([^<]*)<").Groups[1].Value);
    }
}
