using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Picshelf.Accounts;
using Picshelf.Data;
using Picshelf.OAuth;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Gallery;

/// <summary>Votes cast through two processes over one PostgreSQL add up exactly: the post's row lock orders them across processes.</summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class GalleryScaleOutTests(SharedBackends backends) : IClassFixture<SharedBackends>, IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("picshelf-gallery-scale-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    [Fact]
    public async Task VotesThroughTwoProcesses_AddUpExactly()
    {
        var settings = await backends.NewInstallationAsync();
        string[] configuration = [.. settings.Select(s => $"--{s.Key}={s.Value}"), "--RateLimits:Enabled=false"];
        // Accounts and tokens are made in process on the same database, as the command-line verbs would make them.
        var setup = Host.CreateApplicationBuilder();
        setup.Configuration.AddInMemoryCollection([.. settings, new("Storage:DataDirectory", Path.Combine(data, "setup"))]);
        setup.Services.AddPicshelf(setup.Configuration);
        using (var host = setup.Build())
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PicshelfDb>().Database.MigrateAsync();
            var client = await scope.ServiceProvider.GetRequiredService<ClientRegistration>().CreateAsync(new ClientDetails("votes", null), null, CancellationToken.None);
            var tokens = new List<string>();
            foreach (var n in Enumerable.Range(0, 12))
            {
                var username = $"voter{n}x{Guid.NewGuid().ToString("N")[..6]}";
                await scope.ServiceProvider.GetRequiredService<AccountRegistration>().CreateAsync(username, $"{username}@example.com", "long enough pw", CancellationToken.None);
                tokens.Add((await scope.ServiceProvider.GetRequiredService<TokenIssuer>().IssueAsync(client.ClientId, username, CancellationToken.None)).AccessToken);
            }

            await using var a = await PicshelfServer.StartAsync(Path.Combine(data, "a"), configuration);
            await using var b = await PicshelfServer.StartAsync(Path.Combine(data, "b"), configuration);
            HttpClient Through(PicshelfServer server, string token)
            {
                var http = new HttpClient { BaseAddress = server.BaseAddress };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return http;
            }
            using var sharer = Through(a, tokens[0]);
            var id = await sharer.ShareNewImageAsync("Counted twice over");

            // Each voter votes through both processes at once, then once more through one of them; the last vote counts.
            await Task.WhenAll(tokens.Select(async (token, index) =>
            {
                using var viaA = Through(a, token);
                using var viaB = Through(b, token);
                await Task.WhenAll(Enumerable.Range(0, 3).Select(async round =>
                {
                    using var racing = await (round % 2 == 0 ? viaA : viaB).PostAsync($"/3/gallery/{id}/vote/{(round == 1 ? "down" : "up")}", null);
                    Assert.True((await Envelope.DataAsync(racing)).GetBoolean());
                }));
                using var last = await (index % 2 == 0 ? viaA : viaB).PostAsync($"/3/gallery/{id}/vote/{(index < 9 ? "up" : "down")}", null);
                Assert.True((await Envelope.DataAsync(last)).GetBoolean());
            }));
            using var reader = Through(b, tokens[1]);
            using var votes = await reader.GetAsync($"/3/gallery/{id}/votes");
            var tallies = await Envelope.DataAsync(votes);

            Assert.Equal((9, 3), (tallies.GetProperty("ups").GetInt32(), tallies.GetProperty("downs").GetInt32()));
            Assert.Equal(12, await scope.ServiceProvider.GetRequiredService<PicshelfDb>().GalleryVotes.CountAsync(v => v.ItemId == id));
        }
    }
}
