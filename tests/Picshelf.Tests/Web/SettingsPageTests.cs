using System.Net;
using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Tests.Accounts;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// The owner's <c>/account/settings</c>: its forms save through the API's own services, so they change what the API
/// changes, refuse what it refuses with its messages (beside the field, nothing saved), mail and throttle as
/// <c>POST /3/account/me/verifyemail</c> does and delete as <c>POST /3/account/me/delete</c> does.
/// </summary>
public sealed class SettingsPageTests(SmtpSink smtp) : IAsyncLifetime, IClassFixture<SmtpSink>
{
    private const string Password = "correct horse battery";
    private const string Page = "/account/settings";

    private readonly PicshelfApp app = new PicshelfApp().With(EmailVerificationTests.Smtp(smtp)).With("Web:PublicBaseUrl", "https://img.example.com/")
        .With("Mail:VerificationsPerAccount", "1").With("SignIn:FailuresAllowed", "3");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>The settings form as a browser sends it: a box left unticked (here, every flag not in the changes) sends nothing.</summary>
    private static (string, string)[] Form(string username, params (string, string)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["username"] = username, ["bio"] = "", ["album_privacy"] = "hidden", ["avatar"] = "",
        };
        foreach (var (key, value) in changes)
        {
            fields[key] = value;
        }
        return fields.Select(field => (field.Key, field.Value)).ToArray();
    }

    private static async Task<HttpResponseMessage> SaveAsync(BrowserSession browser, params (string, string)[] fields)
    {
        await browser.GetAsync(Page);
        return await browser.SubmitAsync(Page + "?handler=Save", fields);
    }

    private Task<Account?> AccountAsync(string username)
    {
        var normalized = username.ToUpperInvariant();
        return app.WithDbAsync(db => db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.NormalizedUsername == normalized));
    }

    [Fact]
    public async Task SavingTheForm_ChangesEverySetting_AndThePageShowsThemAfterwards()
    {
        using var browser = new BrowserSession(app);
        var username = await browser.SignUpAsync();
        var renamed = "re" + username;

        using var saved = await SaveAsync(browser, Form(renamed, ("bio", "I <b>shoot</b> birds"), ("album_privacy", "secret"), ("avatar", "default/blue"),
            ("public_images", "true"), ("accepted_gallery_terms", "true"), ("show_mature", "true"), ("newsletter_subscribed", "true")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/account/settings?saved=true", saved.Headers.Location!.OriginalString);
        using var shown = await browser.GetAsync(saved.Headers.Location.OriginalString);
        var account = await AccountAsync(renamed);

        Assert.NotNull(account);
        Assert.Equal(("I <b>shoot</b> birds", "secret", "default/blue"), (account.Bio, account.AlbumPrivacy, account.AvatarName));
        Assert.True(account.PublicImages && account.AcceptedGalleryTerms && account.ShowMature && account.NewsletterSubscribed);
        Assert.False(account.MessagingEnabled);
        Assert.Contains("Your settings are saved.", browser.LastPage, StringComparison.Ordinal);
        Assert.Contains($"Signed in as {renamed}", browser.LastPage, StringComparison.Ordinal);
        Assert.Contains("I &lt;b&gt;shoot&lt;/b&gt; birds</textarea>", browser.LastPage, StringComparison.Ordinal);
        Assert.Contains("value=\"secret\" selected=\"selected\"", browser.LastPage, StringComparison.Ordinal);
        Assert.Contains("value=\"default/blue\" checked=\"checked\"", browser.LastPage, StringComparison.Ordinal);
        Assert.Contains("id=\"show_mature\" name=\"show_mature\" type=\"checkbox\" value=\"true\" checked=\"checked\"", browser.LastPage, StringComparison.Ordinal);
        Assert.Contains("id=\"messaging_enabled\" name=\"messaging_enabled\" type=\"checkbox\" value=\"true\">", browser.LastPage, StringComparison.Ordinal);
        Assert.Contains("/avatars/default/blue.png\" alt=\"\"", browser.LastPage, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> RefusedSettings() => new()
    {
        { "username", "taken", "username-error", "is taken" },
        { "album_privacy", "everyone", "album_privacy-error", "album_privacy must be public, hidden or secret" },
        { "bio", new string('b', AccountSettings.BioLength + 1), "bio-error", $"bio must be at most {AccountSettings.BioLength} characters" },
        { "avatar", "default/nosuch", "", "Unknown avatar default/nosuch" },
    };

    [Theory]
    [MemberData(nameof(RefusedSettings))]
    public async Task ARefusedSetting_Is400_WithTheApisMessageBesideItsField_AndSavesNothing(string field, string value, string errorId, string message)
    {
        using var other = new BrowserSession(app);
        var taken = await other.SignUpAsync();
        using var browser = new BrowserSession(app);
        var username = await browser.SignUpAsync();

        using var refused = await SaveAsync(browser, Form(username, ("show_mature", "true"), ("bio", "kept out"),
            (field, field == "username" ? taken : value)));
        var account = await AccountAsync(username);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(message, browser.LastPage, StringComparison.Ordinal);
        if (errorId.Length > 0)
        {
            Assert.Contains($"id=\"{errorId}\" class=\"error\" role=\"alert\">", browser.LastPage, StringComparison.Ordinal);
        }
        Assert.NotNull(account);
        Assert.Null(account.Bio);
        Assert.False(account.ShowMature);
    }

    [Theory]
    [InlineData("Save")]
    [InlineData("Verify")]
    [InlineData("Delete")]
    public async Task AFormWithoutItsAntiforgeryToken_Is400_AndChangesNothing(string handler)
    {
        using var browser = new BrowserSession(app);
        var username = await browser.SignUpAsync();
        await browser.GetAsync(Page);

        using var refused = await browser.PostAsync($"{Page}?handler={handler}", Form(username, ("bio", "forged"), ("password", Password)));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var account = await AccountAsync(username);
        Assert.NotNull(account);
        Assert.Null(account.Bio);
        Assert.DoesNotContain(smtp.Messages, m => m.To.ToString().Contains(username, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheVerificationMail_IsSentAgain_AndPastTheLimitThePageSays429AndWhenToRetry()
    {
        using var browser = new BrowserSession(app);
        var username = await browser.SignUpAsync();
        await browser.GetAsync(Page);
        Assert.Contains($"{username}@example.com</span> (<span id=\"email-state\">not verified</span>)", browser.LastPage, StringComparison.Ordinal);

        using var sent = await browser.SubmitAsync(Page + "?handler=Verify");
        var message = await smtp.WaitForMessageToAsync($"{username}@example.com");
        using var shown = await browser.GetAsync(sent.Headers.Location!.OriginalString);
        var sentPage = browser.LastPage;
        using var refused = await browser.SubmitAsync(Page + "?handler=Verify");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("Verify your e-mail address for Picshelf", message.Subject);
        Assert.Contains("A verification mail is on its way", sentPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("Too many verification mails for this account or from your address. Try again after", browser.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongDeletionPasswords_Are403_DeleteNothing_AndCountAsFailedSignIns()
    {
        using var browser = new BrowserSession(app);
        var username = await browser.SignUpAsync();
        for (var i = 0; i < 3; i++)
        {
            await browser.GetAsync(Page);
            using var wrong = await browser.SubmitAsync(Page + "?handler=Delete", ("password", "guess " + i));
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
            Assert.Contains("The password is incorrect: the account was not deleted", browser.LastPage, StringComparison.Ordinal);
        }

        await browser.GetAsync(Page);
        using var refused = await browser.SubmitAsync(Page + "?handler=Delete", ("password", Password));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("Too many wrong passwords", browser.LastPage, StringComparison.Ordinal);
        Assert.NotNull(await AccountAsync(username));
    }

    [Fact]
    public async Task DeletingWithThePassword_DeletesTheAccount_EndsTheSession_AndLandsOnTheHomePage()
    {
        using var browser = new BrowserSession(app);
        var username = await browser.SignUpAsync();
        await browser.GetAsync(Page);

        using var deleted = await browser.SubmitAsync(Page + "?handler=Delete", ("password", Password));
        using var home = await browser.GetAsync(deleted.Headers.Location!.OriginalString);
        var homePage = browser.LastPage;
        using var after = await browser.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(Picshelf.Web.SettingsModel.DeletedLocation, deleted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Your account is deleted", homePage, StringComparison.Ordinal);
        Assert.Null(await AccountAsync(username));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/signin", after.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }
}
