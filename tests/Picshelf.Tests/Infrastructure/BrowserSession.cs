using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Picshelf.Tests.Infrastructure;

/// <summary>
/// What a browser does with the server-rendered pages, without JavaScript: keeps the session cookie,
/// reads each form's antiforgery token and posts it back. Redirects are not followed, so tests see them.
/// </summary>
public sealed partial class BrowserSession : IDisposable
{
    private readonly CookieContainer cookies = new();
    private readonly HttpClient http;

    public BrowserSession(PicshelfApp app)
    {
        http = app.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        AcceptPages();
    }

    /// <summary>A session on a server started as its own process, as a browser of it would hold one.</summary>
    public BrowserSession(Uri baseAddress)
    {
        http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        AcceptPages();
    }

    /// <summary>What Chromium sends for a page it navigates to.</summary>
    private void AcceptPages() =>
        http.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8");

    /// <summary>The cookies this browser holds, as a Cookie header: what someone who copied them could send.</summary>
    public string CookieHeader => cookies.GetCookieHeader(http.BaseAddress!);

    public string? LastPage { get; private set; }

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        var response = await http.GetAsync(path);
        LastPage = await response.Content.ReadAsStringAsync();
        return response;
    }

    /// <summary>Posts a form with the antiforgery token of the last page read, as a browser submitting it would.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, params (string Name, string Value)[] fields) =>
        await PostAsync(path, fields.Prepend(("__RequestVerificationToken", AntiforgeryToken())).ToArray());

    /// <summary>Posts a form as it is, without any token a page gave.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields)
    {
        var response = await http.PostAsync(path, Forms.Form(fields));
        LastPage = await response.Content.ReadAsStringAsync();
        return response;
    }

    public string AntiforgeryToken() =>
        TokenField().Match(LastPage ?? "") is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The last page has no antiforgery token");

    public async Task<string> SignUpAsync(string? username = null, string password = "correct horse battery")
    {
        username ??= "web" + Guid.NewGuid().ToString("N")[..10];
        await GetAsync("/signup");
        using var response = await SubmitAsync("/signup", ("username", username), ("email", $"{username}@example.com"), ("password", password));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-up answered {(int)response.StatusCode}: {LastPage}");
        return username;
    }

    /// <summary>Signs in through the page as a person would, and checks that it worked.</summary>
    public async Task SignInAsync(string username, string password = "correct horse battery")
    {
        await GetAsync("/signin");
        using var response = await SubmitAsync("/signin", ("username", username), ("password", password));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)response.StatusCode}: {LastPage}");
    }

    /// <summary>Registers an application through the page and returns its id and secret as the page shows them.</summary>
    public async Task<(string ClientId, string Secret)> RegisterApplicationAsync(string? redirectUri, string name = "My uploader")
    {
        await GetAsync("/oauth2/addclient");
        using var response = await SubmitAsync("/oauth2/addclient", ("name", name), ("kind", redirectUri is null ? "pin" : "callback"),
            ("redirect_uri", redirectUri ?? ""), ("website", ""), ("email", ""), ("description", "Uploads screenshots"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, LastPage);
        return (Field("client-id"), Field("client-secret"));
    }

    /// <summary>Allows a PIN application on the authorize page, as its signed-in user, and returns the PIN the page shows.</summary>
    public async Task<string> AuthorizePinAsync(string clientId)
    {
        await GetAsync($"/oauth2/authorize?client_id={clientId}&response_type=pin");
        using var allowed = await SubmitAsync("/oauth2/authorize", ("client_id", clientId), ("response_type", "pin"), ("state", ""), ("decision", "allow"));
        return Field("pin");
    }

    /// <summary>The text of the element with this id on the last page.</summary>
    public string Field(string id) =>
        Regex.Match(LastPage ?? "", $"id=\"{Regex.Escape(id)}\">([^<]+)<") is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"No element #{id} on the page: {LastPage}");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public void Dispose() => http.Dispose();
}
