using System.Text.Json;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Gallery;

/// <summary>One vote per account per post, replaced by a new one and withdrawn by a veto; tallies exact under concurrency.</summary>
public sealed class GalleryVotingTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private static async Task<JsonElement> PostAsync(HttpClient client, string id)
    {
        using var post = await client.GetAsync($"/3/gallery/{id}");
        return await Envelope.DataAsync(post);
    }

    private static async Task VoteAsync(HttpClient client, string id, string vote)
    {
        using var voted = await client.PostAsync($"/3/gallery/{id}/vote/{vote}", null);
        Assert.True((await Envelope.DataAsync(voted)).GetBoolean());
    }

    [Fact]
    public async Task Vote_UpThenDownThenVeto_ReplacesAndWithdrawsTheAccountsOneVote()
    {
        var owner = await app.SignedInClientAsync();
        var voter = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Vote on me");

        await VoteAsync(voter.Http, id, "up");
        await VoteAsync(voter.Http, id, "up");
        var afterUp = await PostAsync(voter.Http, id);
        await VoteAsync(voter.Http, id, "down");
        var afterDown = await PostAsync(voter.Http, id);
        using var votes = await owner.Http.GetAsync($"/3/gallery/{id}/votes");
        var ownersView = await PostAsync(owner.Http, id);
        await VoteAsync(voter.Http, id, "veto");
        var afterVeto = await PostAsync(voter.Http, id);

        Assert.Equal((1, 0, 1, "up"), (afterUp.GetProperty("ups").GetInt32(), afterUp.GetProperty("downs").GetInt32(),
            afterUp.GetProperty("points").GetInt32(), afterUp.GetProperty("vote").GetString()));
        Assert.Equal((0, 1, -1, "down"), (afterDown.GetProperty("ups").GetInt32(), afterDown.GetProperty("downs").GetInt32(),
            afterDown.GetProperty("points").GetInt32(), afterDown.GetProperty("vote").GetString()));
        var tallies = await Envelope.DataAsync(votes);
        Assert.Equal(["ups", "downs"], tallies.EnumerateObject().Select(p => p.Name));
        Assert.Equal((0, 1), (tallies.GetProperty("ups").GetInt32(), tallies.GetProperty("downs").GetInt32()));
        Assert.Equal(JsonValueKind.Null, ownersView.GetProperty("vote").ValueKind);
        Assert.Equal((0, 0, 0), (afterVeto.GetProperty("ups").GetInt32(), afterVeto.GetProperty("downs").GetInt32(), afterVeto.GetProperty("points").GetInt32()));
        Assert.Equal(JsonValueKind.Null, afterVeto.GetProperty("vote").ValueKind);
    }

    [Fact]
    public async Task Vote_OtherThanUpDownOrVeto_Is400_WithAClientIdAlone_Is401_AndOnNoPost_Is404()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Careful");
        var anonymous = await app.AnonymousClientAsync();
        var notShared = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;

        using var sideways = await owner.Http.PostAsync($"/3/gallery/{id}/vote/sideways", null);
        using var clientOnly = await anonymous.PostAsync($"/3/gallery/{id}/vote/up", null);
        using var missing = await owner.Http.PostAsync($"/3/gallery/{notShared}/vote/up", null);
        using var missingVotes = await anonymous.GetAsync($"/3/gallery/{notShared}/votes");

        await Envelope.ErrorAsync(sideways, 400);
        await Envelope.ErrorAsync(clientOnly, 401);
        await Envelope.ErrorAsync(missing, 404);
        await Envelope.ErrorAsync(missingVotes, 404);
        Assert.Equal(0, (await PostAsync(anonymous, id)).GetProperty("ups").GetInt32());
    }

    [Fact]
    public async Task ConcurrentVotes_FromManyAccounts_AddUpExactly()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Popular");
        var voters = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => app.SignedInClientAsync()));

        // Every voter votes up and down at once, then once more; each ends where its last vote says.
        await Task.WhenAll(voters.Select(async (voter, index) =>
        {
            await Task.WhenAll(VoteAsync(voter.Http, id, "down"), VoteAsync(voter.Http, id, "up"));
            await VoteAsync(voter.Http, id, index < 12 ? "up" : "down");
        }));
        var post = await PostAsync(owner.Http, id);
        var stored = await app.WithDbAsync(db => Task.FromResult(db.GalleryVotes.Count(v => v.ItemId == id)));

        Assert.Equal((12, 4, 8, 8), (post.GetProperty("ups").GetInt32(), post.GetProperty("downs").GetInt32(), post.GetProperty("points").GetInt32(),
            post.GetProperty("score").GetInt32()));
        Assert.Equal(16, stored);
    }

    [Fact]
    public async Task ReachingTheViralPoints_PutsThePostInHot_AndItStaysThere()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Going viral");
        var voters = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.SignedInClientAsync()));
        foreach (var voter in voters.Skip(1))
        {
            await VoteAsync(voter.Http, id, "up");
        }
        var nine = await PostAsync(owner.Http, id);
        var hotAtNine = await HotIdsAsync(owner.Http);

        await VoteAsync(voters[0].Http, id, "up");
        var ten = await PostAsync(owner.Http, id);
        var hotAtTen = await HotIdsAsync(owner.Http);
        await VoteAsync(voters[0].Http, id, "veto");
        var hotAfterVeto = await HotIdsAsync(owner.Http);

        Assert.False(nine.GetProperty("in_most_viral").GetBoolean());
        Assert.DoesNotContain(id, hotAtNine);
        Assert.True(ten.GetProperty("in_most_viral").GetBoolean());
        Assert.Contains(id, hotAtTen);
        Assert.Contains(id, hotAfterVeto);
    }

    private static async Task<List<string?>> HotIdsAsync(HttpClient client)
    {
        using var hot = await client.GetAsync("/3/gallery/hot/time/0");
        return (await Envelope.DataAsync(hot)).EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
    }
}
