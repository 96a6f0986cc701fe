using System.Text.Json;
using Picshelf.Comments;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Comments;

/// <summary>
/// Comments and replies are written by the gallery, which is not built yet: these routes read the real
/// tables, so the tests put rows there the way the gallery will, and also prove the empty answers.
/// </summary>
public sealed class AccountCommentTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private Task<Comment> CommentAsync(int accountId, string text, long createdAt, int ups = 0, long parentId = 0, string imageId = "GalItem") =>
        app.WithDbAsync(async db =>
        {
            var comment = new Comment { ImageId = imageId, AccountId = accountId, ParentId = parentId, Text = text, Ups = ups, Platform = "api", CreatedAt = createdAt };
            db.Comments.Add(comment);
            await db.SaveChangesAsync();
            return comment;
        });

    [Fact]
    public async Task AnAccountWithoutComments_AnswersEmptyListsAndZero()
    {
        var user = await app.SignedInClientAsync();

        using var list = await user.Http.GetAsync("/3/account/me/comments");
        using var ids = await user.Http.GetAsync("/3/account/me/comments/ids/newest/0");
        using var count = await user.Http.GetAsync("/3/account/me/comments/count");
        using var replies = await user.Http.GetAsync("/3/account/me/notifications/replies");

        Assert.Equal(0, (await Envelope.DataAsync(list)).GetArrayLength());
        Assert.Equal(0, (await Envelope.DataAsync(ids)).GetArrayLength());
        Assert.Equal(0, (await Envelope.DataAsync(count)).GetInt32());
        Assert.Equal(0, (await Envelope.DataAsync(replies)).GetArrayLength());
    }

    [Fact]
    public async Task Comments_AreListedInEachSort_CountedAndShownWithTheirReplies()
    {
        var user = await app.SignedInClientAsync();
        var replier = await app.SignedInClientAsync();
        var first = await CommentAsync(user.AccountId, "first", 100, ups: 5, imageId: "ItemOne");
        var second = await CommentAsync(user.AccountId, "second", 200, ups: 1);
        var reply = await CommentAsync(replier.AccountId, "a reply", 300, parentId: first.Id, imageId: "ItemOne");
        var stranger = await app.AnonymousClientAsync();

        using var newest = await stranger.GetAsync($"/3/account/{user.Username}/comments");
        using var oldest = await stranger.GetAsync($"/3/account/{user.Username}/comments/oldest");
        using var best = await stranger.GetAsync($"/3/account/{user.Username}/comments/ids/best/0");
        using var count = await stranger.GetAsync($"/3/account/{user.Username}/comments/count");
        using var one = await stranger.GetAsync($"/3/account/{user.Username}/comment/{first.Id}");
        using var badSort = await stranger.GetAsync($"/3/account/{user.Username}/comments/loudest");

        static List<long> Ids(JsonElement list) => list.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ToList();
        var newestList = await Envelope.DataAsync(newest);
        Assert.Equal([second.Id, first.Id], Ids(newestList));
        Assert.Equal([first.Id, second.Id], Ids(await Envelope.DataAsync(oldest)));
        Assert.Equal([first.Id, second.Id], (await Envelope.DataAsync(best)).EnumerateArray().Select(e => e.GetInt64()).ToList());
        Assert.Equal(2, (await Envelope.DataAsync(count)).GetInt32());
        var model = await Envelope.DataAsync(one);
        Assert.Equal(["id", "image_id", "comment", "author", "author_id", "on_album", "album_cover", "ups", "downs", "points", "datetime", "parent_id",
            "deleted", "vote", "platform", "children"], model.EnumerateObject().Select(p => p.Name));
        Assert.Equal(user.Username, model.GetProperty("author").GetString());
        Assert.Equal(0, model.GetProperty("parent_id").GetInt64());
        Assert.Equal(5, model.GetProperty("points").GetInt32());
        var child = model.GetProperty("children").EnumerateArray().Single();
        Assert.Equal(reply.Id, child.GetProperty("id").GetInt64());
        Assert.Equal(replier.Username, child.GetProperty("author").GetString());
        await Envelope.ErrorAsync(badSort, 400);
    }

    [Fact]
    public async Task ADeletedReply_KeepsItsPlaceInTheThread_WithoutItsWords_AndLeavesTheNotifications()
    {
        var user = await app.SignedInClientAsync();
        var replier = await app.SignedInClientAsync();
        var question = await CommentAsync(user.AccountId, "question", 100, imageId: "Thread1");
        var answer = await CommentAsync(replier.AccountId, "answer", 200, parentId: question.Id, imageId: "Thread1");
        var followUp = await CommentAsync(user.AccountId, "follow-up", 300, parentId: answer.Id, imageId: "Thread1");
        await app.WithDbAsync(async db =>
        {
            db.ReplyNotifications.Add(new ReplyNotification { AccountId = user.AccountId, CommentId = answer.Id, CreatedAt = 200 });
            return await db.SaveChangesAsync();
        });

        using (await replier.Http.DeleteAsync($"/3/account/me/comment/{answer.Id}"))
        {
        }
        using var thread = await user.Http.GetAsync($"/3/account/me/comment/{question.Id}");
        using var replies = await user.Http.GetAsync("/3/account/me/notifications/replies?new=False");

        var deleted = (await Envelope.DataAsync(thread)).GetProperty("children")[0];
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.Equal("[deleted]", deleted.GetProperty("comment").GetString());
        Assert.Equal(followUp.Id, deleted.GetProperty("children")[0].GetProperty("id").GetInt64());
        Assert.Equal(0, (await Envelope.DataAsync(replies)).GetArrayLength());
    }

    [Fact]
    public async Task CommentIds_TakeAPageWithoutASort()
    {
        var user = await app.SignedInClientAsync();
        var comment = await CommentAsync(user.AccountId, "only", 100);

        using var ids = await user.Http.GetAsync("/3/account/me/comments/ids/0");

        Assert.Equal([comment.Id], (await Envelope.DataAsync(ids)).EnumerateArray().Select(e => e.GetInt64()).ToList());
    }

    [Fact]
    public async Task DeletingAComment_IsTheAuthorsOnly_AndHidesIt()
    {
        var user = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();
        var comment = await CommentAsync(user.AccountId, "regret", 100);

        using var notTheirs = await other.Http.DeleteAsync($"/3/account/me/comment/{comment.Id}");
        using var deleted = await user.Http.DeleteAsync($"/3/account/me/comment/{comment.Id}");
        using var again = await user.Http.DeleteAsync($"/3/account/me/comment/{comment.Id}");
        using var count = await user.Http.GetAsync("/3/account/me/comments/count");
        using var gone = await user.Http.GetAsync($"/3/account/me/comment/{comment.Id}");

        Assert.Equal("Only its author can delete a comment", await Envelope.ErrorAsync(notTheirs, 403));
        Assert.True((await Envelope.DataAsync(deleted)).GetBoolean());
        await Envelope.ErrorAsync(again, 404);
        Assert.Equal(0, (await Envelope.DataAsync(count)).GetInt32());
        await Envelope.ErrorAsync(gone, 404);
    }

    [Fact]
    public async Task ReplyNotifications_AreTheOwners_NewOnlyUnlessAskedForAll()
    {
        var user = await app.SignedInClientAsync();
        var replier = await app.SignedInClientAsync();
        var comment = await CommentAsync(user.AccountId, "question", 100);
        var seen = await CommentAsync(replier.AccountId, "old answer", 200, parentId: comment.Id);
        var fresh = await CommentAsync(replier.AccountId, "new answer", 300, parentId: comment.Id);
        await app.WithDbAsync(async db =>
        {
            db.ReplyNotifications.AddRange(
                new ReplyNotification { AccountId = user.AccountId, CommentId = seen.Id, Viewed = true, CreatedAt = 200 },
                new ReplyNotification { AccountId = user.AccountId, CommentId = fresh.Id, Viewed = false, CreatedAt = 300 });
            return await db.SaveChangesAsync();
        });

        using var onlyNew = await user.Http.GetAsync("/3/account/me/notifications/replies");
        using var all = await user.Http.GetAsync("/3/account/me/notifications/replies?new=false");
        using var theirs = await replier.Http.GetAsync($"/3/account/{user.Username}/notifications/replies");

        var newList = await Envelope.DataAsync(onlyNew);
        Assert.Equal(fresh.Id, newList.EnumerateArray().Single().GetProperty("content").GetProperty("id").GetInt64());
        Assert.False(newList[0].GetProperty("viewed").GetBoolean());
        Assert.Equal(2, (await Envelope.DataAsync(all)).GetArrayLength());
        Assert.Equal("Unauthorized", await Envelope.ErrorAsync(theirs, 403));
    }
}
