using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Picshelf.Tests.Infrastructure;

/// <summary>
/// A PIN application (as ShareX registers one) of a new account, made on the pages, and the secret its installs hold:
/// tokens come from the authorize page and <c>POST /oauth2/token</c>, as a real install gets them.
/// </summary>
public sealed class PinApplication : IDisposable
{
    private readonly PicshelfApp app;

    private PinApplication(PicshelfApp app, BrowserSession owner, string ownerName, string clientId, string secret)
    {
        this.app = app;
        Owner = owner;
        OwnerName = ownerName;
        ClientId = clientId;
        Secret = secret;
    }

    /// <summary>Signed in on the pages as the account that registered the application.</summary>
    public BrowserSession Owner { get; }

    public string OwnerName { get; }

    /// <summary>The owner's password, for the account's deletion.</summary>
    public const string OwnerPassword = "correct horse battery";

    public string ClientId { get; }

    public string Secret { get; }

    public static async Task<PinApplication> RegisterAsync(PicshelfApp app)
    {
        var owner = new BrowserSession(app);
        try
        {
            var ownerName = await owner.SignUpAsync(password: OwnerPassword);
            var (clientId, secret) = await owner.RegisterApplicationAsync(redirectUri: null);
            return new PinApplication(app, owner, ownerName, clientId, secret);
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A signed-in user (the owner unless another is named) allows the application, and an install exchanges the PIN:
    /// the bare token object of a new grant.
    /// </summary>
    public async Task<JsonElement> AuthorizeAsync(BrowserSession? user = null)
    {
        var pin = await (user ?? Owner).AuthorizePinAsync(ClientId);
        using var response = await PostTokenAsync(new() { ["client_id"] = ClientId, ["client_secret"] = Secret, ["grant_type"] = "pin", ["pin"] = pin });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Envelope.ReadAsync(response);
    }

    /// <summary>What an install gets for the grant's refresh token: the bare token object.</summary>
    public async Task<JsonElement> RefreshAsync(string refreshToken)
    {
        using var response = await PostTokenAsync(new()
            { ["client_id"] = ClientId, ["client_secret"] = Secret, ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });
        var token = await Envelope.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"the refresh answered {(int)response.StatusCode}: {token}");
        return token;
    }

    public async Task<HttpResponseMessage> PostTokenAsync(Dictionary<string, string> fields, AuthenticationHeaderValue? authorization = null)
    {
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = authorization;
        return await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(fields));
    }

    public void Dispose() => Owner.Dispose();
}
