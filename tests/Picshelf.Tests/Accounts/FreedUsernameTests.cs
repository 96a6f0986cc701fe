using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Picshelf.OAuth;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Accounts;

/// <summary>
/// A name given up by a rename or a deletion is held for <c>Accounts:FreedUsernameHold</c>: nobody else may take it
/// meanwhile, by renaming or signing up, while the account that gave it up may take it back.
/// </summary>
public sealed class FreedUsernameTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(FixedClockApp.Now);
    private PicshelfApp app = null!;

    public Task InitializeAsync()
    {
        app = new PicshelfApp().WithClock(clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static async Task<HttpResponseMessage> RenameAsync(SignedInClient user, string username) => await RenameAsync(user.Http, username);

    private static async Task<HttpResponseMessage> RenameAsync(HttpClient http, string username) =>
        await http.PutAsync("/3/account/me/settings", Forms.Form(("username", username)));

    /// <summary>A client with a token issued now: the fake clock moves past the lifetime of the ones issued before.</summary>
    private async Task<HttpClient> TokenNowAsync(string clientId, string username)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var token = await scope.ServiceProvider.GetRequiredService<TokenIssuer>().IssueAsync(clientId, username, CancellationToken.None);
        return app.BearerClient(token.AccessToken);
    }

    private static string NewName() => "fresh" + Guid.NewGuid().ToString("N")[..8];

    private async Task<HttpStatusCode> SignUpAsync(string username)
    {
        using var browser = new BrowserSession(app);
        await browser.GetAsync("/signup");
        using var response = await browser.SubmitAsync("/signup", ("username", username), ("email", $"{username}@example.com"), ("password", "correct horse battery"));
        return response.StatusCode;
    }

    [Fact]
    public async Task ARenamedAccountsOldName_IsHeldFromOthers_ButItsOwnerMayTakeItBack()
    {
        var user = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();
        var (oldName, newName) = (user.Username, NewName());

        using var renamed = await RenameAsync(user, newName);
        using var otherRename = await RenameAsync(other, oldName.ToUpperInvariant());
        var signUp = await SignUpAsync(oldName);
        clock.Advance(TimeSpan.FromDays(29));
        using var stillHeld = await RenameAsync(await TokenNowAsync(other.ClientId, other.Username), oldName);
        using var takenBack = await RenameAsync(await TokenNowAsync(user.ClientId, newName), oldName);

        Assert.True((await Envelope.DataAsync(renamed)).GetBoolean());
        Assert.Contains("is taken", await Envelope.ErrorAsync(otherRename, 400), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, signUp);
        Assert.Contains("is taken", await Envelope.ErrorAsync(stillHeld, 400), StringComparison.Ordinal);
        Assert.True((await Envelope.DataAsync(takenBack)).GetBoolean());
    }

    [Fact]
    public async Task AFreedName_IsFreeForAnyoneOnceTheHoldEnds()
    {
        var user = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();
        var oldName = user.Username;
        using (await RenameAsync(user, NewName()))
        {
        }

        clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        using var taken = await RenameAsync(await TokenNowAsync(other.ClientId, other.Username), oldName);

        Assert.True((await Envelope.DataAsync(taken)).GetBoolean());
    }

    [Fact]
    public async Task ADeletedAccountsName_IsHeld_ThenFree()
    {
        var user = await app.SignedInClientAsync();
        using (var deleted = await user.Http.PostAsync("/3/account/me/delete", Forms.Form(("password", "correct horse battery"))))
        {
            Assert.True((await Envelope.DataAsync(deleted)).GetBoolean());
        }

        var heldSignUp = await SignUpAsync(user.Username);
        clock.Advance(TimeSpan.FromDays(31));
        var freeSignUp = await SignUpAsync(user.Username);

        Assert.Equal(HttpStatusCode.BadRequest, heldSignUp);
        Assert.Equal(HttpStatusCode.Redirect, freeSignUp);
    }
}

public sealed class FreedUsernameHoldOffTests(FreedUsernameHoldOffTests.App app) : IClassFixture<FreedUsernameHoldOffTests.App>
{
    public sealed class App : PicshelfApp
    {
        public App() => With("Accounts:FreedUsernameHold", "00:00:00");
    }

    [Fact]
    public async Task WithAHoldOfZero_AFreedNameIsFreeAtOnce()
    {
        var user = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();
        var oldName = user.Username;

        using var renamed = await user.Http.PutAsync("/3/account/me/settings", Forms.Form(("username", "gone" + Guid.NewGuid().ToString("N")[..8])));
        using var taken = await other.Http.PutAsync("/3/account/me/settings", Forms.Form(("username", oldName)));

        Assert.True((await Envelope.DataAsync(renamed)).GetBoolean());
        Assert.True((await Envelope.DataAsync(taken)).GetBoolean());
    }
}
