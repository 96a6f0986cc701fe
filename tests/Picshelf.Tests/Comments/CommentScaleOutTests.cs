using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Picshelf.Accounts;
using Picshelf.Data;
using Picshelf.OAuth;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Comments;

/// <summary>
/// Votes on one comment cast through two processes over one PostgreSQL add up exactly, and a comment reported through
/// one process is in the operator's report list.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class CommentScaleOutTests(SharedBackends backends) : IClassFixture<SharedBackends>, IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("picshelf-comment-scale-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    private static HttpClient Through(PicshelfServer server, string token)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Accounts and tokens made in process on the installation's database, as the command-line verbs would make them.</summary>
    private async Task<List<string>> TokensAsync(IEnumerable<KeyValuePair<string, string?>> settings, int count)
    {
        var setup = Host.CreateApplicationBuilder();
        setup.Configuration.AddInMemoryCollection([.. settings, new("Storage:DataDirectory", Path.Combine(data, "setup"))]);
        setup.Services.AddPicshelf(setup.Configuration);
        using var host = setup.Build();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PicshelfDb>().Database.MigrateAsync();
        var client = await scope.ServiceProvider.GetRequiredService<ClientRegistration>().CreateAsync(new ClientDetails("comments", null), null, CancellationToken.None);
        var tokens = new List<string>();
        foreach (var n in Enumerable.Range(0, count))
        {
            var username = $"commenter{n}x{Guid.NewGuid().ToString("N")[..6]}";
            await scope.ServiceProvider.GetRequiredService<AccountRegistration>().CreateAsync(username, $"{username}@example.com", "long enough pw", CancellationToken.None);
            tokens.Add((await scope.ServiceProvider.GetRequiredService<TokenIssuer>().IssueAsync(client.ClientId, username, CancellationToken.None)).AccessToken);
        }
        return tokens;
    }

    [Fact]
    public async Task CommentVotesThroughTwoProcesses_AddUpExactly()
    {
        var settings = await backends.NewInstallationAsync();
        string[] configuration = [.. settings.Select(s => $"--{s.Key}={s.Value}"), "--RateLimits:Enabled=false"];
        var tokens = await TokensAsync(settings, 12);

        await using var a = await PicshelfServer.StartAsync(Path.Combine(data, "a"), configuration);
        await using var b = await PicshelfServer.StartAsync(Path.Combine(data, "b"), configuration);
        using var sharer = Through(a, tokens[0]);
        var post = await sharer.ShareNewImageAsync("Comments counted twice over");
        using var commenter = Through(b, tokens[1]);
        var id = await commenter.CommentAsync(post, "vote on me from anywhere");

        // Each voter votes through both processes at once, then once more through one of them; the last vote counts.
        await Task.WhenAll(tokens.Select(async (token, index) =>
        {
            using var viaA = Through(a, token);
            using var viaB = Through(b, token);
            await Task.WhenAll(Enumerable.Range(0, 3).Select(round => (round % 2 == 0 ? viaA : viaB).VoteOnCommentAsync(id, round == 1 ? "down" : "up")));
            await (index % 2 == 0 ? viaA : viaB).VoteOnCommentAsync(id, index < 9 ? "up" : "down");
        }));
        using var readerA = Through(a, tokens[2]);
        using var readerB = Through(b, tokens[11]);
        var seenByA = await readerA.GetDataAsync($"/3/comment/{id}");
        var seenByB = await readerB.GetDataAsync($"/3/comment/{id}");

        Assert.Equal((9, 3, 6, "up"), (seenByA.GetProperty("ups").GetInt32(), seenByA.GetProperty("downs").GetInt32(), seenByA.GetProperty("points").GetInt32(),
            seenByA.GetProperty("vote").GetString()));
        Assert.Equal((9, 3, 6, "down"), (seenByB.GetProperty("ups").GetInt32(), seenByB.GetProperty("downs").GetInt32(), seenByB.GetProperty("points").GetInt32(),
            seenByB.GetProperty("vote").GetString()));
    }

    /// <summary>Each process keeps the threads it answered; a change through the other one shows in the next answer.</summary>
    [Fact]
    public async Task AThreadKeptByOneProcess_ShowsAChangeMadeThroughTheOther_InTheNextAnswer()
    {
        var settings = await backends.NewInstallationAsync();
        string[] configuration = [.. settings.Select(s => $"--{s.Key}={s.Value}"), "--RateLimits:Enabled=false"];
        var tokens = await TokensAsync(settings, 2);
        await using var a = await PicshelfServer.StartAsync(Path.Combine(data, "a"), configuration);
        await using var b = await PicshelfServer.StartAsync(Path.Combine(data, "b"), configuration);
        using var viaA = Through(a, tokens[0]);
        using var viaB = Through(b, tokens[1]);
        var post = await viaA.ShareNewImageAsync("Kept twice");
        var first = await viaA.CommentAsync(post, "first");

        Task<JsonElement> ThreadAsync(HttpClient through) => through.GetDataAsync($"/3/gallery/{post}/comments/new");
        var keptByA = await ThreadAsync(viaA);
        var keptByB = await ThreadAsync(viaB);
        await viaB.VoteOnCommentAsync(first, "up");
        var afterVote = await ThreadAsync(viaA);
        using var secondAuthorViaA = Through(a, tokens[1]);
        var second = await secondAuthorViaA.CommentAsync(post, "second");
        var afterComment = await ThreadAsync(viaB);
        await viaB.DeleteCommentAsync(second);
        var afterDelete = await ThreadAsync(viaA);

        Assert.Equal(0, keptByA[0].GetProperty("ups").GetInt32());
        Assert.Equal(0, keptByB[0].GetProperty("ups").GetInt32());
        Assert.Equal(1, afterVote[0].GetProperty("ups").GetInt32());
        Assert.Equal([second, first], afterComment.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        Assert.Equal("up", afterComment[1].GetProperty("vote").GetString());
        Assert.Equal([first], afterDelete.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task ACommentReportedThroughOneProcess_IsInTheOperatorsReportList()
    {
        var settings = await backends.NewInstallationAsync();
        string[] configuration = [.. settings.Select(s => $"--{s.Key}={s.Value}"), "--RateLimits:Enabled=false"];
        var tokens = await TokensAsync(settings, 2);

        long id;
        await using (var server = await PicshelfServer.StartAsync(Path.Combine(data, "server"), configuration))
        {
            using var author = Through(server, tokens[0]);
            using var reporter = Through(server, tokens[1]);
            var post = await author.ShareNewImageAsync("Reported comment inside");
            id = await author.CommentAsync(post, "report me");
            using var reported = await reporter.PostAsync($"/3/comment/{id}/report", Forms.Form(("reason", "2")));
            Assert.True((await Envelope.DataAsync(reported)).GetBoolean());
        }
        var reports = await PicshelfProcess.RunAsync(["gallery", "reports", "--data", Path.Combine(data, "operator"), .. configuration]);

        // The list's layout is the operator's; the comment's id must be in it under a key naming an id.
        static bool Mentions(JsonElement element, string name, long id) => element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().Any(p => Mentions(p.Value, p.Name, id)),
            JsonValueKind.Array => element.EnumerateArray().Any(e => Mentions(e, name, id)),
            JsonValueKind.Number => name.Contains("id", StringComparison.OrdinalIgnoreCase) && element.TryGetInt64(out var number) && number == id,
            JsonValueKind.String => name.Contains("id", StringComparison.OrdinalIgnoreCase) && element.GetString() == $"{id}",
            _ => false,
        };
        Assert.True(Mentions(reports.Json(), "", id), reports.Stdout);
        Assert.Contains("Spam", reports.Stdout, StringComparison.OrdinalIgnoreCase);
    }
}
