using System.Text.Json;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Telemetry;

/// <summary>
/// Turned on, every request writes one line: method, route template, status, duration and the kind of caller; never the
/// path itself, so no deletehash or token reaches the log. With the console's JSON formatter each field is a property.
/// </summary>
public sealed class RequestLogTests
{
    private const string TurnedOn = "Logging:LogLevel:Picshelf.Api.RequestLog";

    [Fact]
    public async Task ByDefault_NoRequestIsLogged()
    {
        await using var app = new PicshelfApp();
        var client = await app.AnonymousClientAsync();
        await client.UploadAsync(TestImages.Png());

        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains("Picshelf.Api.RequestLog", StringComparison.Ordinal));
    }

    /// <summary>
    /// The session cookie is read for the web site's pages only (Api/WithoutSession): a signed-in browser is a session on a
    /// page, and a visitor on a direct link, which serves anyone alike. Were the web host to add its own authentication at
    /// the head of the pipeline, the direct link would say session.
    /// </summary>
    [Fact]
    public async Task TheSessionCookie_IsReadForPages_NotForDirectLinks()
    {
        await using var app = new PicshelfApp().With(TurnedOn, "Information");
        var id = (await (await app.AnonymousClientAsync()).UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();

        using (var page = await browser.GetAsync($"/{id}"))
        {
            page.EnsureSuccessStatusCode();
        }
        using (var direct = await browser.GetAsync($"/{id}.png"))
        {
            direct.EnsureSuccessStatusCode();
        }

        var lines = app.Logs.Lines.Where(line => line.Contains("Picshelf.Api.RequestLog", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, line => line.Contains("GET {id:itemid", StringComparison.Ordinal) && line.Contains("answered 200", StringComparison.Ordinal) && line.EndsWith("to a session", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("GET /{name}.{extension} answered 200", StringComparison.Ordinal) && line.EndsWith("to a visitor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TurnedOn_EachRequest_LogsItsRouteStatusAndCallerKind_NeverItsDeletehashOrToken()
    {
        await using var app = new PicshelfApp().With(TurnedOn, "Information");
        var signedIn = await app.SignedInClientAsync();
        var anonymous = await app.AnonymousClientAsync();
        var deleteHash = (await anonymous.UploadAsync(TestImages.Png())).GetProperty("deletehash").GetString()!;
        (await anonymous.DeleteAsync($"/3/image/{deleteHash}")).EnsureSuccessStatusCode();
        (await signedIn.Http.GetAsync("/3/account/me/images")).EnsureSuccessStatusCode();
        using (await app.CreateClient().GetAsync($"/nothing-here?access_token={signedIn.Token.AccessToken}"))
        {
        }

        var lines = app.Logs.Lines.Where(line => line.Contains("Picshelf.Api.RequestLog", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, line => line.Contains("POST /3/image answered 200", StringComparison.Ordinal) && line.EndsWith("to a client", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("DELETE /3/image/{imageIdOrDeleteHash} answered 200", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("GET /3/account/", StringComparison.Ordinal) && line.Contains("/images answered 200", StringComparison.Ordinal) && line.EndsWith("to a user", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("answered 404", StringComparison.Ordinal) && line.EndsWith("to a visitor", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(deleteHash, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(signedIn.Token.AccessToken, StringComparison.Ordinal));
    }

    [Fact]
    [Trait(TestBackend.Trait, TestBackend.Own)]
    public async Task WithTheJsonFormatter_EachRequestIsOneJsonObjectWithItsFields()
    {
        var data = Directory.CreateTempSubdirectory("picshelf-jsonlog-").FullName;
        try
        {
            await using var server = await PicshelfServer.StartAsync(data, ["--Logging:Console:FormatterName=json", $"--{TurnedOn}=Information"]);
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            using (await http.GetAsync("/3/image/abcdefg"))
            {
            }
            var entry = await WaitForAsync(server, "/3/image/{imageId}");
            Assert.Equal("Picshelf.Api.RequestLog", entry.GetProperty("Category").GetString());
            var state = entry.GetProperty("State");
            Assert.Equal("GET", state.GetProperty("Method").GetString());
            Assert.Equal("/3/image/{imageId}", state.GetProperty("Route").GetString());
            Assert.Equal("404", state.GetProperty("Status").ToString());
            Assert.Equal("anonymous", state.GetProperty("CallerKind").GetString());
            Assert.True(state.TryGetProperty("DurationMs", out _));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<JsonElement> WaitForAsync(PicshelfServer server, string route)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            foreach (var line in server.Output.Split('\n'))
            {
                if (line.StartsWith('{') && line.Contains(route, StringComparison.Ordinal))
                {
                    return JsonDocument.Parse(line).RootElement.Clone();
                }
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("No JSON request line for " + route + ": " + server.Output);
    }
}
