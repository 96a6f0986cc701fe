using System.Net.Http.Headers;
using System.Text.Json;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.CommandLine;

[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class CommandLineTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("picshelf-cli-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    [Fact]
    public async Task ClientsCreate_PrintsClientIdAndSecret()
    {
        var result = await PicshelfProcess.RunAsync("clients", "create", "--name", "My app", "--redirect-uri", "https://example.com/cb", "--data", data);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(["client_id", "client_secret"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(15, json.RootElement.GetProperty("client_id").GetString()!.Length);
        Assert.True(File.Exists(Path.Combine(data, "picshelf.db")));
    }

    [Fact]
    public async Task UsersAndTokensCreate_PrintWhatTheTokenEndpointAnswers()
    {
        var client = JsonDocument.Parse((await PicshelfProcess.RunAsync("clients", "create", "--name", "app", "--data", data)).Stdout);
        var clientId = client.RootElement.GetProperty("client_id").GetString()!;

        var user = await PicshelfProcess.RunAsync("users", "create", "--username", "Alice99", "--email", "alice@example.com", "--password", "long enough", "--data", data);
        Assert.True(user.ExitCode == 0, user.Stderr);
        using var userJson = JsonDocument.Parse(user.Stdout);
        Assert.Equal("Alice99", userJson.RootElement.GetProperty("url").GetString());
        var accountId = userJson.RootElement.GetProperty("id").GetInt32();
        Assert.True(accountId > 0);

        var token = await PicshelfProcess.RunAsync("tokens", "create", "--client-id", clientId, "--username", "alice99", "--data", data);
        Assert.True(token.ExitCode == 0, token.Stderr);
        using var tokenJson = JsonDocument.Parse(token.Stdout);
        var root = tokenJson.RootElement;
        Assert.Equal(["access_token", "expires_in", "token_type", "scope", "refresh_token", "account_id", "account_username"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("bearer", root.GetProperty("token_type").GetString());
        Assert.Equal(accountId, root.GetProperty("account_id").GetInt32());
        Assert.Equal("Alice99", root.GetProperty("account_username").GetString());
        Assert.Equal(28 * 24 * 3600, root.GetProperty("expires_in").GetInt64());
        Assert.Matches("^[0-9a-f]{40}$", root.GetProperty("access_token").GetString()!);
    }

    [Fact]
    public async Task GalleryVerbs_ListReports_AndRefuseAPostOrCommentThatIsNotThere()
    {
        var reports = await PicshelfProcess.RunAsync("gallery", "reports", "--data", data);
        var remove = await PicshelfProcess.RunAsync("gallery", "remove", "--id", "abcdefg", "--data", data);
        var keep = await PicshelfProcess.RunAsync("gallery", "keep", "--data", data);
        var deleteComment = await PicshelfProcess.RunAsync("gallery", "delete-comment", "--id", "12345", "--data", data);

        Assert.True(reports.ExitCode == 0, reports.Stderr);
        Assert.Equal("""{"posts":[],"comments":[]}""", reports.Stdout.Trim());
        Assert.Equal(1, remove.ExitCode);
        Assert.Contains("Unable to find a gallery post with the id, abcdefg", remove.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, keep.ExitCode);
        Assert.Equal(1, deleteComment.ExitCode);
        Assert.Contains("Unable to find a comment with the id, 12345", deleteComment.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersCreate_StoresOnlyASaltedSlowHash()
    {
        await PicshelfProcess.RunAsync("users", "create", "--username", "bob1234", "--email", "bob@example.com", "--password", "hunter2hunter2", "--data", data);
        await PicshelfProcess.RunAsync("users", "create", "--username", "carol123", "--email", "carol@example.com", "--password", "hunter2hunter2", "--data", data);
        var database = await File.ReadAllBytesAsync(Path.Combine(data, "picshelf.db"));
        Assert.DoesNotContain("hunter2hunter2", System.Text.Encoding.UTF8.GetString(database), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("users", "create", "--username", "ab", "--email", "x@example.com", "--password", "long enough")]
    [InlineData("users", "create", "--username", "validname", "--email", "not-an-email", "--password", "long enough")]
    [InlineData("users", "create", "--username", "validname", "--email", "x@example.com", "--password", "short")]
    [InlineData("tokens", "create", "--client-id", "nosuchclient", "--username", "nobody")]
    [InlineData("clients", "create", "--name", "app", "--redirect-uri", "javascript:alert(1)")]
    [InlineData("clients", "create", "--name", "app", "--redirect-uri", "http://evil.example/cb")]
    [InlineData("clients", "create", "--name", "app", "--redirect-uri", "feed:javascript:alert(1)")]
    [InlineData("clients", "create", "--name", "Picshelf (official)")]
    [InlineData("clients", "create", "--name", "app\u202Egnp.exe")]
    [InlineData("users", "create", "--username", "picshelf", "--email", "x@example.com", "--password", "long enough")]
    [InlineData("clients", "create", "--name", "app", "--redirect_uri", "https://example.com/cb")]
    public async Task BadInput_ExitsNonZeroWithJsonError(params string[] args)
    {
        var result = await PicshelfProcess.RunAsync([.. args, "--data", data]);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        using var error = JsonDocument.Parse(result.Stderr);
        Assert.False(string.IsNullOrEmpty(error.RootElement.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Verbs_TakeConfigurationKeysLikeTheServer()
    {
        var database = Path.Combine(data, "elsewhere.db");
        var result = await PicshelfProcess.RunAsync("clients", "create", "--name", "app", "--data", data, $"--Database:ConnectionString=Data Source={database}");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.True(File.Exists(database));
        Assert.False(File.Exists(Path.Combine(data, "picshelf.db")));
    }

    [Fact]
    public async Task UsersDisableEnableAndPassword_SayTrue_AndADisabledAccountGetsNoTokens()
    {
        var clientId = JsonDocument.Parse((await PicshelfProcess.RunAsync("clients", "create", "--name", "app", "--data", data)).Stdout).RootElement.GetProperty("client_id").GetString()!;
        await PicshelfProcess.RunAsync("users", "create", "--username", "erin1234", "--email", "erin@example.com", "--password", "long enough", "--data", data);

        var password = await PicshelfProcess.RunAsync("users", "password", "--username", "ERIN1234", "--password", "a new long one", "--data", data);
        var tooShort = await PicshelfProcess.RunAsync("users", "password", "--username", "erin1234", "--password", "short", "--data", data);
        var disable = await PicshelfProcess.RunAsync("users", "disable", "--username", "erin1234", "--data", data);
        var refused = await PicshelfProcess.RunAsync("tokens", "create", "--client-id", clientId, "--username", "erin1234", "--data", data);
        var enable = await PicshelfProcess.RunAsync("users", "enable", "--username", "erin1234", "--data", data);
        var issued = await PicshelfProcess.RunAsync("tokens", "create", "--client-id", clientId, "--username", "erin1234", "--data", data);
        var unknown = await PicshelfProcess.RunAsync("users", "disable", "--username", "nobody99", "--data", data);

        Assert.Equal("true", password.Stdout.Trim());
        Assert.Equal(1, tooShort.ExitCode);
        Assert.Equal("true", disable.Stdout.Trim());
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("This account is disabled", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("true", enable.Stdout.Trim());
        Assert.Equal(0, issued.ExitCode);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Unable to find an account with the username, nobody99", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersCreate_TakenUsernameInAnyCase_IsRefused()
    {
        Assert.Equal(0, (await PicshelfProcess.RunAsync("users", "create", "--username", "Dave1", "--email", "d@example.com", "--password", "long enough", "--data", data)).ExitCode);
        var again = await PicshelfProcess.RunAsync("users", "create", "--username", "dAVE1", "--email", "e@example.com", "--password", "long enough", "--data", data);
        Assert.Equal(1, again.ExitCode);
    }

    [Fact]
    public async Task Serve_StartsOnTheGivenUrl_WithTheDataDirectory_AndSaysHowToCreateAClient()
    {
        var port = PicshelfProcess.FreePort();
        var serveData = Path.Combine(data, "fresh");
        using var server = PicshelfProcess.Start("serve", "--urls", $"http://127.0.0.1:{port}", "--data", serveData);
        var output = new System.Text.StringBuilder();
        server.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpResponseMessage? first = null;
            for (var attempt = 0; attempt < 100 && first is null; attempt++)
            {
                try
                {
                    first = await http.GetAsync("/3/credits");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }
            Assert.NotNull(first);
            Assert.Equal(401, (int)first!.StatusCode);
            lock (output)
            {
                Assert.Contains("clients create", output.ToString(), StringComparison.Ordinal);
            }

            var created = await PicshelfProcess.RunAsync("clients", "create", "--name", "live", "--data", serveData);
            var clientId = JsonDocument.Parse(created.Stdout).RootElement.GetProperty("client_id").GetString();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Client-ID", clientId);
            var image = await Envelope.DataAsync(await http.PostAsync("/3/image", Uploads.Multipart(TestImages.Jpeg(300, 200))));
            Assert.StartsWith($"http://127.0.0.1:{port}/", image.GetProperty("link").GetString(), StringComparison.Ordinal);
            var bytes = await http.GetByteArrayAsync(new Uri(image.GetProperty("link").GetString()!).PathAndQuery);
            Assert.Equal(image.GetProperty("size").GetInt32(), bytes.Length);
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(serveData, "blobs", "originals"), "*", SearchOption.AllDirectories));

            // Kestrel's own body limit, hit by a chunked body with no declared length, is a 413 envelope too.
            using var chunked = new StreamContent(new MemoryStream(new byte[33 * 1024 * 1024]));
            chunked.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            using var oversize = new HttpRequestMessage(HttpMethod.Post, "/3/image") { Content = chunked };
            oversize.Headers.TransferEncodingChunked = true;
            using var tooLarge = await http.SendAsync(oversize);
            Assert.Equal("File is over the size limit", await Envelope.ErrorAsync(tooLarge, 413));

            // An image file stops being read at the image limit, well before the body limit.
            var bigFile = new byte[21 * 1024 * 1024];
            TestImages.Jpeg(64, 64).CopyTo(bigFile, 0);
            using var bigUpload = await http.PostAsync("/3/image", Uploads.Multipart(bigFile));
            Assert.Equal("File is over the size limit", await Envelope.ErrorAsync(bigUpload, 413));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }
}
