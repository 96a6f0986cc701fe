using System.Text.Json;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Comments;

/// <summary>
/// A reply notifies the author of the comment it answers (never the replier), shows in the account's notification
/// lists until marked viewed, one at a time or several at once, and is nobody else's to read or mark.
/// </summary>
public sealed class NotificationTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    /// <summary>The replies of <c>GET /3/notification</c> (or the same list at <paramref name="path"/>), after checking it has exactly its two keys and no messages.</summary>
    private static async Task<JsonElement> RepliesAsync(HttpClient client, string query = "", string path = "/3/notification")
    {
        var notifications = await client.GetDataAsync($"{path}{query}");
        Assert.Equal(["replies", "messages"], notifications.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Array, notifications.GetProperty("messages").ValueKind);
        Assert.Equal(0, notifications.GetProperty("messages").GetArrayLength());
        return notifications.GetProperty("replies");
    }

    private static List<long> ReplyIds(JsonElement notifications) =>
        notifications.EnumerateArray().Select(n => n.GetProperty("content").GetProperty("id").GetInt64()).Order().ToList();

    private static List<long> Ids(JsonElement notifications) => notifications.EnumerateArray().Select(n => n.GetProperty("id").GetInt64()).Order().ToList();

    [Fact]
    public async Task AReply_NotifiesTheParentCommentsAuthor_WithTheReplyAsContent()
    {
        var poster = await app.SignedInClientAsync();
        var author = await app.SignedInClientAsync();
        var replier = await app.SignedInClientAsync();
        var post = await poster.Http.ShareNewImageAsync("Conversation");
        var question = await author.Http.CommentAsync(post, "anyone?");

        var answer = await replier.Http.ReplyAsync(question, "me!");
        var replies = await RepliesAsync(author.Http);
        var viaAccount = await author.Http.GetDataAsync("/3/account/me/notifications/replies?new=true");

        var notification = replies.EnumerateArray().Single();
        Assert.Equal(["id", "account_id", "viewed", "content"], notification.EnumerateObject().Select(p => p.Name));
        Assert.True(notification.GetProperty("id").GetInt64() > 0);
        Assert.Equal(author.AccountId, notification.GetProperty("account_id").GetInt32());
        Assert.False(notification.GetProperty("viewed").GetBoolean());
        var content = notification.GetProperty("content");
        Assert.Equal(answer, content.GetProperty("id").GetInt64());
        Assert.Equal("me!", content.GetProperty("comment").GetString());
        Assert.Equal(replier.Username, content.GetProperty("author").GetString());
        Assert.Equal(question, content.GetProperty("parent_id").GetInt64());
        Assert.Equal(post, content.GetProperty("image_id").GetString());
        Assert.Equal(JsonValueKind.Array, content.GetProperty("children").ValueKind);
        Assert.Equal([notification.GetProperty("id").GetInt64()], Ids(viaAccount));
        Assert.Equal(0, (await RepliesAsync(replier.Http)).GetArrayLength());
    }

    [Fact]
    public async Task TheAccountsNotificationsRoute_IsTheSameListForItsOwner_AndRefusedAsItsRepliesRouteIsToOthers()
    {
        var poster = await app.SignedInClientAsync();
        var author = await app.SignedInClientAsync();
        var replier = await app.SignedInClientAsync();
        var post = await poster.Http.ShareNewImageAsync("Imgur.API's inbox");
        var question = await author.Http.CommentAsync(post, "who reads this?");
        await replier.Http.ReplyAsync(question, "a .NET client");
        var read = (await RepliesAsync(author.Http))[0].GetProperty("id").GetInt64();
        using (var mark = await author.Http.PostAsync($"/3/notification/{read}", null))
        {
            await Envelope.DataAsync(mark);
        }
        await replier.Http.ReplyAsync(question, "and a second one");
        var anonymous = await app.AnonymousClientAsync();

        var all = await RepliesAsync(author.Http, "?new=false");
        var accountAll = await RepliesAsync(author.Http, "?new=false", "/3/account/me/notifications");
        var accountNew = await RepliesAsync(author.Http, "", $"/3/account/{author.Username}/notifications");
        using var others = await replier.Http.GetAsync($"/3/account/{author.Username}/notifications");
        using var withoutAccount = await anonymous.GetAsync($"/3/account/{author.Username}/notifications");
        using var repliesWithoutAccount = await anonymous.GetAsync($"/3/account/{author.Username}/notifications/replies");

        Assert.Equal(2, accountAll.GetArrayLength());
        Assert.Equal(Ids(all), Ids(accountAll));
        Assert.Equal(all.ToString(), accountAll.ToString());
        Assert.Equal(Ids(await RepliesAsync(author.Http)), Ids(accountNew));
        Assert.DoesNotContain(read, Ids(accountNew));
        await Envelope.ErrorAsync(others, 403);
        await Envelope.ErrorAsync(withoutAccount, 403);
        await Envelope.ErrorAsync(repliesWithoutAccount, 403);
    }

    [Fact]
    public async Task ReplyingToOnesOwnComment_NotifiesNobody()
    {
        var poster = await app.SignedInClientAsync();
        var author = await app.SignedInClientAsync();
        var post = await poster.Http.ShareNewImageAsync("Monologue");
        var first = await author.Http.CommentAsync(post, "thinking aloud");

        var second = await author.Http.ReplyAsync(first, "still thinking");
        using (var third = await author.Http.PostAsync($"/3/gallery/{post}/comment", Forms.Form(("comment", "and more"), ("parent_id", $"{second}"))))
        {
            await Envelope.DataAsync(third);
        }

        Assert.Equal(0, (await RepliesAsync(author.Http, "?new=false")).GetArrayLength());
        Assert.Equal(0, (await author.Http.GetDataAsync("/3/account/me/notifications/replies?new=false")).GetArrayLength());
    }

    [Fact]
    public async Task Notification_ById_IsTheCallersOnly_AndOthersGet404()
    {
        var poster = await app.SignedInClientAsync();
        var author = await app.SignedInClientAsync();
        var replier = await app.SignedInClientAsync();
        var post = await poster.Http.ShareNewImageAsync("Private mail");
        var question = await author.Http.CommentAsync(post, "question");
        var answer = await replier.Http.ReplyAsync(question, "answer");
        var id = (await RepliesAsync(author.Http))[0].GetProperty("id").GetInt64();

        var own = await author.Http.GetDataAsync($"/3/notification/{id}");
        using var othersRead = await replier.Http.GetAsync($"/3/notification/{id}");
        using var othersMark = await replier.Http.PostAsync($"/3/notification/{id}", null);
        // Whatever marking someone else's ids answers, it marks nothing of theirs.
        using (await replier.Http.PostAsync("/3/notification", Forms.Form(("ids", $"{id}"))))
        {
        }
        using var missing = await author.Http.GetAsync($"/3/notification/{id + 1_000_000}");
        var stillNew = await RepliesAsync(author.Http);

        Assert.Equal(["id", "account_id", "viewed", "content"], own.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, own.GetProperty("id").GetInt64());
        Assert.Equal(author.AccountId, own.GetProperty("account_id").GetInt32());
        Assert.False(own.GetProperty("viewed").GetBoolean());
        Assert.Equal(answer, own.GetProperty("content").GetProperty("id").GetInt64());
        await Envelope.ErrorAsync(othersRead, 404);
        await Envelope.ErrorAsync(othersMark, 404);
        await Envelope.ErrorAsync(missing, 404);
        Assert.Equal([id], Ids(stillNew));
        Assert.False(stillNew[0].GetProperty("viewed").GetBoolean());
    }

    [Fact]
    public async Task MarkingViewed_OneByIdThenSeveralByIds_TakesThemOutOfTheNewList_AndNewFalseShowsThemAll()
    {
        var poster = await app.SignedInClientAsync();
        var author = await app.SignedInClientAsync();
        var replier = await app.SignedInClientAsync();
        var post = await poster.Http.ShareNewImageAsync("Busy thread");
        var question = await author.Http.CommentAsync(post, "question");
        var answers = new List<long>();
        foreach (var text in new[] { "one", "two", "three" })
        {
            answers.Add(await replier.Http.ReplyAsync(question, text));
        }
        var fresh = await RepliesAsync(author.Http);
        var byAnswer = fresh.EnumerateArray().ToDictionary(n => n.GetProperty("content").GetProperty("id").GetInt64(), n => n.GetProperty("id").GetInt64());
        var (first, second, third) = (byAnswer[answers[0]], byAnswer[answers[1]], byAnswer[answers[2]]);

        using var markOne = await author.Http.PostAsync($"/3/notification/{first}", null);
        var afterOne = await RepliesAsync(author.Http);
        var byDefault = await RepliesAsync(author.Http, "?new=true");
        var all = await RepliesAsync(author.Http, "?new=false");
        var oneRead = await author.Http.GetDataAsync($"/3/notification/{first}");
        using var markMany = await author.Http.PostAsync("/3/notification", Forms.Form(("ids", $"{second},{third}")));
        var afterMany = await RepliesAsync(author.Http);
        var allAfterMany = await RepliesAsync(author.Http, "?new=false");
        var accountNew = await author.Http.GetDataAsync("/3/account/me/notifications/replies");
        var accountAll = await author.Http.GetDataAsync("/3/account/me/notifications/replies?new=false");

        Assert.Equal(answers.Order().ToList(), ReplyIds(fresh));
        Assert.True((await Envelope.DataAsync(markOne)).GetBoolean());
        Assert.Equal(new[] { second, third }.Order().ToList(), Ids(afterOne));
        Assert.Equal(Ids(afterOne), Ids(byDefault));
        Assert.Equal(new[] { first, second, third }.Order().ToList(), Ids(all));
        Assert.True(all.EnumerateArray().Single(n => n.GetProperty("id").GetInt64() == first).GetProperty("viewed").GetBoolean());
        Assert.False(all.EnumerateArray().Single(n => n.GetProperty("id").GetInt64() == second).GetProperty("viewed").GetBoolean());
        Assert.True(oneRead.GetProperty("viewed").GetBoolean());
        Assert.True((await Envelope.DataAsync(markMany)).GetBoolean());
        Assert.Equal(0, afterMany.GetArrayLength());
        Assert.Equal(new[] { first, second, third }.Order().ToList(), Ids(allAfterMany));
        Assert.All(allAfterMany.EnumerateArray(), n => Assert.True(n.GetProperty("viewed").GetBoolean()));
        Assert.Equal(0, accountNew.GetArrayLength());
        Assert.Equal(3, accountAll.GetArrayLength());
    }

    [Fact]
    public async Task MarkingViewed_ANotificationWhoseReplyIsDeleted_Is404_AsReadingItIs()
    {
        var poster = await app.SignedInClientAsync();
        var author = await app.SignedInClientAsync();
        var replier = await app.SignedInClientAsync();
        var post = await poster.Http.ShareNewImageAsync("Regrets");
        var question = await author.Http.CommentAsync(post, "question");
        var answer = await replier.Http.ReplyAsync(question, "answer, regretted");
        var notification = (await RepliesAsync(author.Http)).EnumerateArray().Single().GetProperty("id").GetInt64();
        await replier.Http.DeleteCommentAsync(answer);

        using var read = await author.Http.GetAsync($"/3/notification/{notification}");
        using var markOne = await author.Http.PostAsync($"/3/notification/{notification}", null);
        using var markMany = await author.Http.PostAsync("/3/notification", Forms.Form(("ids", $"{notification}")));

        await Envelope.ErrorAsync(read, 404);
        await Envelope.ErrorAsync(markOne, 404);
        await Envelope.ErrorAsync(markMany, 404);
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.ReplyNotifications.Single(n => n.Id == notification).Viewed)));
    }

    [Fact]
    public async Task MarkingViewed_WithAClientIdAlone_Is401_AndLeavesTheNotificationNew()
    {
        var poster = await app.SignedInClientAsync();
        var author = await app.SignedInClientAsync();
        var replier = await app.SignedInClientAsync();
        var post = await poster.Http.ShareNewImageAsync("Anonymous marker");
        var question = await author.Http.CommentAsync(post, "question");
        await replier.Http.ReplyAsync(question, "answer");
        var id = (await RepliesAsync(author.Http))[0].GetProperty("id").GetInt64();
        var anonymous = await app.AnonymousClientAsync();

        using var one = await anonymous.PostAsync($"/3/notification/{id}", null);
        using var many = await anonymous.PostAsync("/3/notification", Forms.Form(("ids", $"{id}")));

        await Envelope.ErrorAsync(one, 401);
        await Envelope.ErrorAsync(many, 401);
        Assert.Equal([id], Ids(await RepliesAsync(author.Http)));
    }
}
