using System.Text.Json;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Comments;

/// <summary>
/// One vote per account per comment, replaced by a new one and withdrawn by a veto, shown to its caster only; tallies
/// exact under concurrency; reports once per account with the gallery's reason codes.
/// </summary>
public sealed class CommentVotingTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private static (int Ups, int Downs, int Points, string? Vote) Tally(JsonElement comment) =>
        (comment.GetProperty("ups").GetInt32(), comment.GetProperty("downs").GetInt32(), comment.GetProperty("points").GetInt32(),
            comment.GetProperty("vote").ValueKind == JsonValueKind.Null ? null : comment.GetProperty("vote").GetString());

    [Fact]
    public async Task Vote_UpThenDownThenVeto_ReplacesAndWithdrawsTheAccountsOneVote()
    {
        var owner = await app.SignedInClientAsync();
        var voter = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Vote on comments");
        var id = await owner.Http.CommentAsync(post, "rate me");

        await voter.Http.VoteOnCommentAsync(id, "up");
        await voter.Http.VoteOnCommentAsync(id, "up");
        var afterUp = await voter.Http.GetDataAsync($"/3/comment/{id}");
        await voter.Http.VoteOnCommentAsync(id, "down");
        var afterDown = await voter.Http.GetDataAsync($"/3/comment/{id}");
        var authorsView = await owner.Http.GetDataAsync($"/3/comment/{id}");
        await voter.Http.VoteOnCommentAsync(id, "veto");
        var afterVeto = await voter.Http.GetDataAsync($"/3/comment/{id}");
        await voter.Http.VoteOnCommentAsync(id, "veto");
        var afterSecondVeto = await voter.Http.GetDataAsync($"/3/comment/{id}");

        Assert.Equal((1, 0, 1, "up"), Tally(afterUp));
        Assert.Equal((0, 1, -1, "down"), Tally(afterDown));
        Assert.Equal((0, 1, -1, null), Tally(authorsView));
        Assert.Equal((0, 0, 0, null), Tally(afterVeto));
        Assert.Equal((0, 0, 0, null), Tally(afterSecondVeto));
    }

    [Fact]
    public async Task VoteField_IsTheCallersOwnInEveryView_AndNullForAnonymousCallers()
    {
        var owner = await app.SignedInClientAsync();
        var upVoter = await app.SignedInClientAsync();
        var downVoter = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Whose vote");
        var top = await owner.Http.CommentAsync(post, "top");
        var reply = await owner.Http.ReplyAsync(top, "reply");
        await upVoter.Http.VoteOnCommentAsync(reply, "up");
        await downVoter.Http.VoteOnCommentAsync(reply, "down");
        await upVoter.Http.VoteOnCommentAsync(top, "down");
        var anonymous = await app.AnonymousClientAsync();

        string? VoteOf(JsonElement comment) => comment.GetProperty("vote").ValueKind == JsonValueKind.Null ? null : comment.GetProperty("vote").GetString();
        foreach (var (caller, expectedOnReply, expectedOnTop) in new (HttpClient, string?, string?)[] { (upVoter.Http, "up", "down"), (downVoter.Http, "down", null), (owner.Http, null, null), (anonymous, null, null) })
        {
            var list = await caller.GetDataAsync($"/3/gallery/{post}/comments/best");
            var tree = await caller.GetDataAsync($"/3/comment/{top}/replies");
            var onPost = await caller.GetDataAsync($"/3/gallery/{post}/comment/{top}");
            var single = await caller.GetDataAsync($"/3/comment/{reply}");

            Assert.Equal(expectedOnTop, VoteOf(list[0]));
            Assert.Equal(expectedOnReply, VoteOf(list[0].GetProperty("children")[0]));
            Assert.Equal(expectedOnTop, VoteOf(tree));
            Assert.Equal(expectedOnReply, VoteOf(tree.GetProperty("children")[0]));
            Assert.Equal(expectedOnReply, VoteOf(onPost.GetProperty("children")[0]));
            Assert.Equal(expectedOnReply, VoteOf(single));
            Assert.Equal((1, 1, 0), (single.GetProperty("ups").GetInt32(), single.GetProperty("downs").GetInt32(), single.GetProperty("points").GetInt32()));
        }
    }

    [Fact]
    public async Task Vote_OtherThanUpDownOrVeto_Is400_WithAClientIdAlone_Is401_AndOnNoComment_Is404()
    {
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Careful with comments");
        var id = await owner.Http.CommentAsync(post, "careful");
        var anonymous = await app.AnonymousClientAsync();

        using var sideways = await owner.Http.PostAsync($"/3/comment/{id}/vote/sideways", null);
        using var longerWord = await owner.Http.PostAsync($"/3/comment/{id}/vote/upvote", null);
        using var clientOnly = await anonymous.PostAsync($"/3/comment/{id}/vote/up", null);
        using var missing = await owner.Http.PostAsync($"/3/comment/{id + 1_000_000}/vote/up", null);

        await Envelope.ErrorAsync(sideways, 400);
        await Envelope.ErrorAsync(longerWord, 400);
        await Envelope.ErrorAsync(clientOnly, 401);
        await Envelope.ErrorAsync(missing, 404);
        Assert.Equal((0, 0, 0, null), Tally(await anonymous.GetDataAsync($"/3/comment/{id}")));
    }

    [Fact]
    public async Task ConcurrentVotes_FromTwentyAccounts_AddUpExactly()
    {
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Popular comment");
        var id = await owner.Http.CommentAsync(post, "popular");
        var voters = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.SignedInClientAsync()));

        // Every voter votes up and down at once, then once more; each ends where its last vote says.
        await Task.WhenAll(voters.Select(async (voter, index) =>
        {
            await Task.WhenAll(voter.Http.VoteOnCommentAsync(id, "down"), voter.Http.VoteOnCommentAsync(id, "up"), voter.Http.VoteOnCommentAsync(id, "veto"));
            await voter.Http.VoteOnCommentAsync(id, index < 14 ? "up" : "down");
        }));
        var comment = await owner.Http.GetDataAsync($"/3/comment/{id}");
        var inTheThread = (await owner.Http.GetDataAsync($"/3/gallery/{post}/comments")).EnumerateArray().Single();

        Assert.Equal((14, 6, 8, null), Tally(comment));
        Assert.Equal((14, 6, 8, null), Tally(inTheThread));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("3")]
    [InlineData("4")]
    [InlineData("5")]
    [InlineData(null)]
    public async Task Report_WithEachDocumentedReasonOrNone_IsTrue_AndASecondByTheSameAccountIs409(string? reason)
    {
        var owner = await app.SignedInClientAsync();
        var reporter = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Reportable");
        var id = await owner.Http.CommentAsync(post, "questionable");

        using var first = await reporter.Http.PostAsync($"/3/comment/{id}/report", reason is null ? null : Forms.Form(("reason", reason)));
        using var again = await reporter.Http.PostAsync($"/3/comment/{id}/report", Forms.Form(("reason", "1")));
        using var byAnother = await owner.Http.PostAsync($"/3/comment/{id}/report", Forms.Form(("reason", "2")));

        Assert.True((await Envelope.DataAsync(first)).GetBoolean());
        await Envelope.ErrorAsync(again, 409);
        Assert.True((await Envelope.DataAsync(byAnother)).GetBoolean());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("9")]
    [InlineData("spam")]
    [InlineData("-1")]
    [InlineData("2.0")]
    public async Task Report_WithAnUnknownReason_Is400_AndCountsForNothing(string reason)
    {
        var owner = await app.SignedInClientAsync();
        var reporter = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Badly reported");
        var id = await owner.Http.CommentAsync(post, "fine really");

        using var bad = await reporter.Http.PostAsync($"/3/comment/{id}/report", Forms.Form(("reason", reason)));
        using var good = await reporter.Http.PostAsync($"/3/comment/{id}/report", Forms.Form(("reason", "2")));

        Assert.Contains("reason", await Envelope.ErrorAsync(bad, 400), StringComparison.Ordinal);
        Assert.True((await Envelope.DataAsync(good)).GetBoolean());
    }

    [Fact]
    public async Task Report_WithAClientIdAlone_Is401_AndOfNoComment_Is404()
    {
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Reported anonymously");
        var id = await owner.Http.CommentAsync(post, "hmm");
        var anonymous = await app.AnonymousClientAsync();

        using var clientOnly = await anonymous.PostAsync($"/3/comment/{id}/report", Forms.Form(("reason", "1")));
        using var missing = await owner.Http.PostAsync($"/3/comment/{id + 1_000_000}/report", Forms.Form(("reason", "1")));
        using var afterwards = await owner.Http.PostAsync($"/3/comment/{id}/report", Forms.Form(("reason", "1")));

        await Envelope.ErrorAsync(clientOnly, 401);
        await Envelope.ErrorAsync(missing, 404);
        Assert.True((await Envelope.DataAsync(afterwards)).GetBoolean());
    }
}
