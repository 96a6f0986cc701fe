using Microsoft.Extensions.Configuration;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests;

/// <summary>
/// The embedded setup lets the runtime go on with a finished socket operation on its event thread; a setup with other
/// network clients (PostgreSQL, S3, Redis) does not, since they may block there (<see cref="InlineSocketCompletions"/>).
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class InlineSocketCompletionsTests(LocalImageServer remote) : IClassFixture<LocalImageServer>, IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("picshelf-inline-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    private static bool ChosenFor(params (string Key, string Value)[] settings) =>
        InlineSocketCompletions.ChosenFor(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void TheEmbeddedDefaults_CompleteSocketsInline() =>
        Assert.True(ChosenFor(("Database:Provider", "SQLite"), ("Storage:Provider", "filesystem")) && ChosenFor());

    [Theory]
    [InlineData("Database:Provider", "postgres")]
    [InlineData("Storage:Provider", "s3")]
    [InlineData("Redis:Configuration", "127.0.0.1:6379")]
    public void AnotherNetworkClient_KeepsTheThreadPoolHop(string key, string value) => Assert.False(ChosenFor((key, value)));

    [Fact]
    public void TheSetting_OverridesTheSetup()
    {
        Assert.False(ChosenFor(("Server:InlineSocketCompletions", "false")));
        Assert.True(ChosenFor(("Server:InlineSocketCompletions", "true"), ("Database:Provider", "postgres")));
    }

    /// <summary>
    /// A real embedded process, where the choice applies: an upload by URL goes on with SQLite and image checks after its
    /// last read, and a fetch that hangs holds up nobody else's requests.
    /// </summary>
    [Fact]
    public async Task AnEmbeddedServer_UploadsByUrl_WhileAnotherFetchHangs()
    {
        var cli = Path.Combine(data, "server");
        var created = await PicshelfProcess.RunAsync(["clients", "create", "--name", "inline", "--data", cli]);
        var clientId = created.Json().GetProperty("client_id").GetString()!;
        await using var server = await PicshelfServer.StartAsync(cli, ["--Uploads:UrlAllowList:0=127.0.0.2", "--Uploads:UrlTimeout=00:00:10"]);
        using var http = server.Client(clientId);

        var hanging = http.PostAsync("/3/image", new FormUrlEncodedContent([new("image", remote.AllowedBase + "/slow")]));
        for (var i = 0; i < 3; i++)
        {
            var image = await Envelope.DataAsync(await http.PostAsync("/3/image", new FormUrlEncodedContent([new("image", remote.AllowedBase + "/image.png")])));
            Assert.Equal(21, image.GetProperty("width").GetInt32());
            using var original = await http.GetAsync($"/{image.GetProperty("id").GetString()}.png");
            Assert.Equal("image/png", original.Content.Headers.ContentType?.MediaType);
            Assert.Equal(image.GetProperty("size").GetInt64(), (await original.Content.ReadAsByteArrayAsync()).Length);
        }
        Assert.False(hanging.IsCompleted);
        Assert.Equal("Fetching the URL timed out", await Envelope.ErrorAsync(await hanging, 400));
    }
}
