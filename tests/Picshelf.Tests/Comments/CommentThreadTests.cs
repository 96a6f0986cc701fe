using System.Text.Json;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Comments;

/// <summary>
/// Comments on gallery posts and replies to them, written through every route, read back one at a time, as threads
/// sorted best, top or new at every level, as ids and counts, and through the account routes; deleted comments keep
/// their place while they have replies and leave otherwise.
/// </summary>
public sealed class CommentThreadTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private static readonly string[] ModelKeys =
    [
        "id", "image_id", "comment", "author", "author_id", "on_album", "album_cover", "ups", "downs", "points", "datetime", "parent_id",
        "deleted", "vote", "platform", "children",
    ];

    private static List<long> Ids(JsonElement comments) => comments.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ToList();

    private static JsonElement Find(JsonElement comments, long id) => comments.EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == id);

    private static async Task<int> CommentCountAsync(HttpClient client, string postId) =>
        (await client.GetDataAsync($"/3/gallery/{postId}")).GetProperty("comment_count").GetInt32();

    [Fact]
    public async Task Create_OnAGalleryImage_AnswersTheId_AndTheCommentReadsBackWithEveryKeyInOrder()
    {
        var owner = await app.SignedInClientAsync();
        var writer = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Talk about me");
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var id = await writer.Http.CommentAsync(post, "First!");
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var visitor = await app.AnonymousClientAsync();
        var model = await visitor.GetDataAsync($"/3/comment/{id}");

        Assert.Equal(ModelKeys, model.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, model.GetProperty("id").GetInt64());
        Assert.Equal(post, model.GetProperty("image_id").GetString());
        Assert.Equal("First!", model.GetProperty("comment").GetString());
        Assert.Equal(writer.Username, model.GetProperty("author").GetString());
        Assert.Equal(writer.AccountId, model.GetProperty("author_id").GetInt32());
        Assert.False(model.GetProperty("on_album").GetBoolean());
        Assert.Equal(JsonValueKind.Null, model.GetProperty("album_cover").ValueKind);
        Assert.Equal((0, 0, 0), (model.GetProperty("ups").GetInt32(), model.GetProperty("downs").GetInt32(), model.GetProperty("points").GetInt32()));
        Assert.InRange(model.GetProperty("datetime").GetInt64(), before - 1, after + 1);
        Assert.Equal(0, model.GetProperty("parent_id").GetInt64());
        Assert.False(model.GetProperty("deleted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, model.GetProperty("vote").ValueKind);
        Assert.Equal("api", model.GetProperty("platform").GetString());
        Assert.Equal(JsonValueKind.Array, model.GetProperty("children").ValueKind);
        Assert.Equal(0, model.GetProperty("children").GetArrayLength());
    }

    [Fact]
    public async Task Create_OnAGalleryAlbum_IsOnAlbum_WithTheAlbumsCover_AndCountsOnTheAlbumPost()
    {
        var owner = await app.SignedInClientAsync();
        var first = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var second = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var (album, _) = await owner.Http.CreateAlbumAsync(("ids", $"{first},{second}"), ("cover", second), ("privacy", "public"));
        using (var shared = await owner.Http.PostAsync($"/3/gallery/album/{album}", Forms.Form(("title", "Holiday"), ("terms", "1"))))
        {
            Assert.True((await Envelope.DataAsync(shared)).GetBoolean());
        }

        var id = await owner.Http.CommentAsync(album, "Nice trip");
        var viaPost = await owner.Http.ReplyAsync(id, "Thanks");
        var model = await owner.Http.GetDataAsync($"/3/comment/{id}");
        var reply = await owner.Http.GetDataAsync($"/3/comment/{viaPost}");
        var galleryAlbum = await owner.Http.GetDataAsync($"/3/gallery/album/{album}");

        Assert.Equal(album, model.GetProperty("image_id").GetString());
        Assert.True(model.GetProperty("on_album").GetBoolean());
        Assert.Equal(second, model.GetProperty("album_cover").GetString());
        Assert.True(reply.GetProperty("on_album").GetBoolean());
        Assert.Equal(album, reply.GetProperty("image_id").GetString());
        Assert.Equal(2, galleryAlbum.GetProperty("comment_count").GetInt32());
    }

    [Fact]
    public async Task Create_OnAGalleryAlbumWhoseCoverWasNeverChosen_HasTheCoverTheAlbumShows_ItsFirstImage()
    {
        var owner = await app.SignedInClientAsync();
        var first = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var second = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var (album, _) = await owner.Http.CreateAlbumAsync(("ids", $"{first},{second}"), ("privacy", "public"));
        using (var shared = await owner.Http.PostAsync($"/3/gallery/album/{album}", Forms.Form(("title", "No cover chosen"), ("terms", "1"))))
        {
            Assert.True((await Envelope.DataAsync(shared)).GetBoolean());
        }

        var id = await owner.Http.CommentAsync(album, "Which one is the cover?");
        var model = await owner.Http.GetDataAsync($"/3/comment/{id}");
        var shown = await owner.Http.GetDataAsync($"/3/album/{album}");

        Assert.Equal(first, shown.GetProperty("cover").GetString());
        Assert.Equal(first, model.GetProperty("album_cover").GetString());
    }

    [Fact]
    public async Task Replies_ThroughEveryRoute_NestUnderTheirParents_AndRepliesAnswersTheWholeSubtree()
    {
        var owner = await app.SignedInClientAsync();
        var writer = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Many ways to reply");

        var top = await writer.Http.CommentAsync(post, "top");
        var viaParentId = await owner.Http.CommentAsync(post, "via parent_id", top);
        var viaReplyRoute = await writer.Http.ReplyAsync(viaParentId, "via /3/comment/{id}");
        long viaPostRoute;
        using (var created = await owner.Http.PostAsync($"/3/gallery/{post}/comment", Forms.Form(("comment", "via the post"), ("parent_id", $"{top}"))))
        {
            var data = await Envelope.DataAsync(created);
            Assert.Equal(["id"], data.EnumerateObject().Select(p => p.Name));
            viaPostRoute = data.GetProperty("id").GetInt64();
        }
        long topViaPostRoute;
        using (var created = await owner.Http.PostAsync($"/3/gallery/{post}/comment", Forms.Form(("comment", "top via the post"))))
        {
            topViaPostRoute = (await Envelope.DataAsync(created)).GetProperty("id").GetInt64();
        }
        long replyWithImageId;
        using (var created = await writer.Http.PostAsync($"/3/comment/{viaReplyRoute}", Forms.Form(("comment", "with image_id"), ("image_id", post))))
        {
            replyWithImageId = (await Envelope.DataAsync(created)).GetProperty("id").GetInt64();
        }
        var visitor = await app.AnonymousClientAsync();

        var single = await visitor.GetDataAsync($"/3/comment/{top}");
        var tree = await visitor.GetDataAsync($"/3/comment/{top}/replies");
        var onPost = await visitor.GetDataAsync($"/3/gallery/{post}/comments/new");

        Assert.Equal(0, single.GetProperty("children").GetArrayLength());
        Assert.Equal(top, tree.GetProperty("id").GetInt64());
        Assert.Equal(ModelKeys, tree.EnumerateObject().Select(p => p.Name));
        Assert.Equal([viaPostRoute, viaParentId], Ids(tree.GetProperty("children")));
        var middle = Find(tree.GetProperty("children"), viaParentId);
        Assert.Equal(top, middle.GetProperty("parent_id").GetInt64());
        Assert.Equal(owner.Username, middle.GetProperty("author").GetString());
        var deeper = middle.GetProperty("children").EnumerateArray().Single();
        Assert.Equal(viaReplyRoute, deeper.GetProperty("id").GetInt64());
        Assert.Equal(viaParentId, deeper.GetProperty("parent_id").GetInt64());
        Assert.Equal(post, deeper.GetProperty("image_id").GetString());
        var deepest = deeper.GetProperty("children").EnumerateArray().Single();
        Assert.Equal(replyWithImageId, deepest.GetProperty("id").GetInt64());
        Assert.Equal(0, deepest.GetProperty("children").GetArrayLength());
        Assert.Equal(top, Find(tree.GetProperty("children"), viaPostRoute).GetProperty("parent_id").GetInt64());
        Assert.Equal([topViaPostRoute, top], Ids(onPost));
        Assert.Equal(0, Find(onPost, topViaPostRoute).GetProperty("parent_id").GetInt64());
    }

    [Fact]
    public async Task PostComments_BestTopAndNew_SortEveryLevelOfTheThread()
    {
        var owner = await app.SignedInClientAsync();
        var writer = await app.SignedInClientAsync();
        var voters = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.SignedInClientAsync()));
        var post = await owner.Http.ShareNewImageAsync("Sorted talk");
        // Created in this order, so each is newer than the one before it on its level.
        var t1 = await writer.Http.CommentAsync(post, "3 up: best first");
        var t2 = await writer.Http.CommentAsync(post, "6 up 2 down: top first");
        var t3 = await writer.Http.CommentAsync(post, "no votes, older");
        var t4 = await writer.Http.CommentAsync(post, "1 down");
        var t5 = await writer.Http.CommentAsync(post, "1 up 1 down");
        var t6 = await writer.Http.CommentAsync(post, "no votes, newer");
        var c1 = await writer.Http.ReplyAsync(t1, "2 up");
        var c2 = await writer.Http.ReplyAsync(t1, "3 up 1 down");
        var c3 = await writer.Http.ReplyAsync(t1, "no votes");
        var c4 = await writer.Http.ReplyAsync(t1, "1 up");
        var g1 = await writer.Http.ReplyAsync(c1, "1 up");
        var g2 = await writer.Http.ReplyAsync(c1, "no votes");
        var tallies = new (long Id, int Ups, int Downs)[] { (t1, 3, 0), (t2, 6, 2), (t4, 0, 1), (t5, 1, 1), (c1, 2, 0), (c2, 3, 1), (c4, 1, 0), (g1, 1, 0) };
        await Task.WhenAll(voters.Select(async (voter, index) =>
        {
            foreach (var (id, ups, downs) in tallies)
            {
                if (index < ups + downs)
                {
                    await voter.Http.VoteOnCommentAsync(id, index < ups ? "up" : "down");
                }
            }
        }));

        // best: Wilson lower bound (t1 .44 > t2 .41 > t5 .09 > 0), then points, then newest; top: points, then newest.
        var expected = new Dictionary<string, (long[] Top, long[] Replies, long[] Deeper)>
        {
            ["best"] = ([t1, t2, t5, t6, t3, t4], [c1, c2, c4, c3], [g1, g2]),
            ["top"] = ([t2, t1, t6, t5, t3, t4], [c2, c1, c4, c3], [g1, g2]),
            ["new"] = ([t6, t5, t4, t3, t2, t1], [c4, c3, c2, c1], [g2, g1]),
        };
        var visitor = await app.AnonymousClientAsync();
        foreach (var (sort, (top, replies, deeper)) in expected)
        {
            var list = await visitor.GetDataAsync($"/3/gallery/{post}/comments/{sort}");
            Assert.Equal(top, Ids(list));
            Assert.Equal(replies, Ids(Find(list, t1).GetProperty("children")));
            Assert.Equal(deeper, Ids(Find(Find(list, t1).GetProperty("children"), c1).GetProperty("children")));
        }
        var byDefault = await visitor.GetDataAsync($"/3/gallery/{post}/comments");
        var subtree = await visitor.GetDataAsync($"/3/comment/{t1}/replies");
        var onPost = await visitor.GetDataAsync($"/3/gallery/{post}/comment/{t1}");
        using var badSort = await visitor.GetAsync($"/3/gallery/{post}/comments/loudest");

        Assert.Equal(expected["best"].Top, Ids(byDefault));
        Assert.Equal(expected["best"].Replies, Ids(subtree.GetProperty("children")));
        Assert.Equal(expected["best"].Deeper, Ids(Find(subtree.GetProperty("children"), c1).GetProperty("children")));
        Assert.Equal(expected["best"].Replies, Ids(onPost.GetProperty("children")));
        var popular = Find(byDefault, t2);
        Assert.Equal((6, 2, 4), (popular.GetProperty("ups").GetInt32(), popular.GetProperty("downs").GetInt32(), popular.GetProperty("points").GetInt32()));
        await Envelope.ErrorAsync(badSort, 400);
    }

    [Fact]
    public async Task PostComment_ById_AnswersItsSubtree_AndIs404ForACommentOnAnotherPost()
    {
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Here");
        var other = await owner.Http.ShareNewImageAsync("There");
        var top = await owner.Http.CommentAsync(post, "top");
        var reply = await owner.Http.ReplyAsync(top, "reply");
        var deeper = await owner.Http.ReplyAsync(reply, "deeper");
        var elsewhere = await owner.Http.CommentAsync(other, "elsewhere");
        var visitor = await app.AnonymousClientAsync();

        var model = await visitor.GetDataAsync($"/3/gallery/{post}/comment/{reply}");
        using var wrongPost = await visitor.GetAsync($"/3/gallery/{post}/comment/{elsewhere}");
        using var missing = await visitor.GetAsync($"/3/gallery/{post}/comment/{elsewhere + 1_000_000}");
        using var missingAlone = await visitor.GetAsync($"/3/comment/{elsewhere + 1_000_000}");
        using var missingReplies = await visitor.GetAsync($"/3/comment/{elsewhere + 1_000_000}/replies");

        Assert.Equal(reply, model.GetProperty("id").GetInt64());
        Assert.Equal(top, model.GetProperty("parent_id").GetInt64());
        Assert.Equal([deeper], Ids(model.GetProperty("children")));
        await Envelope.ErrorAsync(wrongPost, 404);
        await Envelope.ErrorAsync(missing, 404);
        await Envelope.ErrorAsync(missingAlone, 404);
        await Envelope.ErrorAsync(missingReplies, 404);
    }

    /// <summary>The thread routes write comments from pieces kept between requests; they must read as the single-comment route writes them.</summary>
    [Fact]
    public async Task Threads_AnswerEveryCommentExactlyAsItsOwnRouteDoes_WithTheCallersVotes_WhateverItsTextHolds()
    {
        var owner = await app.SignedInClientAsync();
        var voter = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Exactly the same bytes");
        var awkward = new[]
        {
            "plain", "\"vote\":null,\"platform\":\"api\",\"children\":[]}", "quotes \" and \\ backslashes", "<script>&amp;</script>",
            "emoji 👍🏽 and 中文", "line\nbreak", "]} ,[ {",
        };
        var top = await owner.Http.CommentAsync(post, awkward[0]);
        var ids = new List<long> { top };
        foreach (var text in awkward.Skip(1))
        {
            ids.Add(await voter.Http.ReplyAsync(ids[^1], text));
        }
        ids.Add(await voter.Http.CommentAsync(post, "second root"));
        await voter.Http.VoteOnCommentAsync(ids[1], "up");
        await voter.Http.VoteOnCommentAsync(ids[3], "down");
        await owner.Http.VoteOnCommentAsync(ids[3], "up");
        await voter.Http.DeleteCommentAsync(ids[2]);

        foreach (var reader in new[] { voter.Http, owner.Http, await app.AnonymousClientAsync() })
        {
            var flat = new List<JsonElement>();
            foreach (var sort in new[] { "best", "top", "new" })
            {
                var thread = await reader.GetDataAsync($"/3/gallery/{post}/comments/{sort}");
                var pending = new Stack<JsonElement>(thread.EnumerateArray());
                while (pending.TryPop(out var comment))
                {
                    flat.Add(comment);
                    foreach (var child in comment.GetProperty("children").EnumerateArray())
                    {
                        pending.Push(child);
                    }
                }
            }
            flat.Add(await reader.GetDataAsync($"/3/comment/{top}/replies"));
            flat.Add(await reader.GetDataAsync($"/3/gallery/{post}/comment/{ids[3]}"));
            Assert.Equal(3 * ids.Count + 2, flat.Count);
            foreach (var comment in flat)
            {
                var id = comment.GetProperty("id").GetInt64();
                Assert.Equal(ModelKeys, comment.EnumerateObject().Select(p => p.Name));
                if (id == ids[2])
                {
                    Assert.True(comment.GetProperty("deleted").GetBoolean());
                    Assert.Equal("[deleted]", comment.GetProperty("comment").GetString());
                    continue;
                }
                var alone = await reader.GetDataAsync($"/3/comment/{id}");
                Assert.Equal(
                    alone.EnumerateObject().Where(p => p.Name != "children").Select(p => (p.Name, p.Value.GetRawText())),
                    comment.EnumerateObject().Where(p => p.Name != "children").Select(p => (p.Name, p.Value.GetRawText())));
            }
        }
        var seenByVoter = await voter.Http.GetDataAsync($"/3/gallery/{post}/comment/{ids[1]}");
        Assert.Equal("up", seenByVoter.GetProperty("vote").GetString());
        Assert.Equal(awkward[1], seenByVoter.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task AThreadKeptBetweenRequests_AnswersItsEntityTag_304_XmlAndJsonp_AsEveryRouteDoes()
    {
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Tags and formats");
        await owner.Http.CommentAsync(post, "café & <friends>");
        var visitor = await app.AnonymousClientAsync();

        using var first = await visitor.GetAsync($"/3/gallery/{post}/comments/best");
        var etag = first.Headers.ETag;
        var body = await first.Content.ReadAsStringAsync();
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/3/gallery/{post}/comments/best");
        again.Headers.IfNoneMatch.Add(etag!);
        using var notModified = await visitor.SendAsync(again);
        using var xml = await visitor.GetAsync($"/3/gallery/{post}/comments/best.xml");
        using var jsonp = await visitor.GetAsync($"/3/gallery/{post}/comments/best?callback=show");
        await owner.Http.CommentAsync(post, "one more");
        using var changed = await visitor.GetAsync($"/3/gallery/{post}/comments/best");

        Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
        Assert.Matches("^\"[0-9a-f]{40}\"$", etag!.Tag);
        Assert.StartsWith("{\"data\":[{\"id\":", body);
        Assert.EndsWith("],\"success\":true,\"status\":200}", body);
        Assert.Equal(System.Net.HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("application/xml", xml.Content.Headers.ContentType!.MediaType);
        Assert.Contains("café &amp; &lt;friends&gt;", await xml.Content.ReadAsStringAsync());
        Assert.NotEqual(etag, xml.Headers.ETag);
        var wrapped = await jsonp.Content.ReadAsStringAsync();
        Assert.Contains(body, wrapped);
        Assert.StartsWith("/**/show(", wrapped.TrimStart());
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Threads_ShowTheAuthorsNewName_AfterARename()
    {
        var author = await app.SignedInClientAsync();
        var post = await author.Http.ShareNewImageAsync("Who wrote this?");
        var id = await author.Http.CommentAsync(post, "signed");
        var before = await author.Http.GetDataAsync($"/3/gallery/{post}/comments");
        var newName = $"renamed{Guid.NewGuid().ToString("N")[..8]}";
        using (var renamed = await author.Http.PutAsync("/3/account/me/settings", Forms.Form(("username", newName))))
        {
            Assert.True((await Envelope.DataAsync(renamed)).GetBoolean());
        }

        var after = await author.Http.GetDataAsync($"/3/gallery/{post}/comments");

        Assert.Equal(author.Username, Find(before, id).GetProperty("author").GetString());
        Assert.Equal(newName, Find(after, id).GetProperty("author").GetString());
    }

    [Fact]
    public async Task PostComment_ById_OnAPostTakenOutOfTheGallery_Is404_AsItsListsAre()
    {
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Soon gone");
        var comment = await owner.Http.CommentAsync(post, "still here?");
        using var removed = await owner.Http.DeleteAsync($"/3/gallery/{post}");
        Assert.True((await Envelope.DataAsync(removed)).GetBoolean());
        var visitor = await app.AnonymousClientAsync();

        using var byPost = await visitor.GetAsync($"/3/gallery/{post}/comment/{comment}");
        using var list = await visitor.GetAsync($"/3/gallery/{post}/comments");

        await Envelope.ErrorAsync(byPost, 404);
        await Envelope.ErrorAsync(list, 404);
    }

    [Fact]
    public async Task PostCommentIds_AreTheLiveCommentsNewestFirst_AndCountCountsThem()
    {
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Counted");
        var visitor = await app.AnonymousClientAsync();
        var emptyIds = await visitor.GetDataAsync($"/3/gallery/{post}/comments/ids");
        var emptyCount = await visitor.GetDataAsync($"/3/gallery/{post}/comments/count");
        var emptyList = await visitor.GetDataAsync($"/3/gallery/{post}/comments");

        var first = await owner.Http.CommentAsync(post, "first");
        var reply = await owner.Http.ReplyAsync(first, "reply");
        var gone = await owner.Http.CommentAsync(post, "gone soon");
        var last = await owner.Http.CommentAsync(post, "last");
        await owner.Http.DeleteCommentAsync(gone);
        var ids = await visitor.GetDataAsync($"/3/gallery/{post}/comments/ids");
        var count = await visitor.GetDataAsync($"/3/gallery/{post}/comments/count");

        Assert.Equal(0, emptyIds.GetArrayLength());
        Assert.Equal(0, emptyCount.GetInt32());
        Assert.Equal(0, emptyList.GetArrayLength());
        Assert.Equal([last, reply, first], ids.EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(3, count.GetInt32());
    }

    [Fact]
    public async Task Delete_IsTheAuthorsOnly_AnswersTrueOnce_AndTheCommentIsThenNotFound()
    {
        var owner = await app.SignedInClientAsync();
        var writer = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Regrets");
        var id = await writer.Http.CommentAsync(post, "regrettable");
        var anonymous = await app.AnonymousClientAsync();

        using var byPostOwner = await owner.Http.DeleteAsync($"/3/comment/{id}");
        using var clientOnly = await anonymous.DeleteAsync($"/3/comment/{id}");
        var stillThere = await anonymous.GetDataAsync($"/3/comment/{id}");
        using var byAuthor = await writer.Http.DeleteAsync($"/3/comment/{id}");
        using var again = await writer.Http.DeleteAsync($"/3/comment/{id}");
        using var missing = await writer.Http.DeleteAsync($"/3/comment/{id + 1_000_000}");
        using var read = await anonymous.GetAsync($"/3/comment/{id}");
        using var replies = await anonymous.GetAsync($"/3/comment/{id}/replies");

        await Envelope.ErrorAsync(byPostOwner, 403);
        await Envelope.ErrorAsync(clientOnly, 401);
        Assert.Equal("regrettable", stillThere.GetProperty("comment").GetString());
        Assert.True((await Envelope.DataAsync(byAuthor)).GetBoolean());
        await Envelope.ErrorAsync(again, 404);
        await Envelope.ErrorAsync(missing, 404);
        await Envelope.ErrorAsync(read, 404);
        await Envelope.ErrorAsync(replies, 404);
    }

    [Fact]
    public async Task ADeletedCommentWithReplies_StaysInTheThreadAsDeleted_WithItsRepliesReachable_UntilTheyGoToo()
    {
        var owner = await app.SignedInClientAsync();
        var writer = await app.SignedInClientAsync();
        var replier = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Heated");
        var question = await owner.Http.CommentAsync(post, "question");
        var rude = await writer.Http.ReplyAsync(question, "something rude");
        var answer = await replier.Http.ReplyAsync(rude, "an answer to it");
        var visitor = await app.AnonymousClientAsync();

        await writer.Http.DeleteCommentAsync(rude);
        var thread = await visitor.GetDataAsync($"/3/gallery/{post}/comments/best");
        var subtree = await visitor.GetDataAsync($"/3/comment/{question}/replies");
        var onPost = await visitor.GetDataAsync($"/3/gallery/{post}/comment/{question}");
        var reply = await visitor.GetDataAsync($"/3/comment/{answer}");
        using var deletedItself = await visitor.GetAsync($"/3/comment/{rude}");
        var count = await visitor.GetDataAsync($"/3/gallery/{post}/comments/count");
        var ids = await visitor.GetDataAsync($"/3/gallery/{post}/comments/ids");

        foreach (var tree in new[] { Find(thread, question), subtree, onPost })
        {
            var placeholder = tree.GetProperty("children").EnumerateArray().Single();
            Assert.Equal(ModelKeys, placeholder.EnumerateObject().Select(p => p.Name));
            Assert.Equal(rude, placeholder.GetProperty("id").GetInt64());
            Assert.True(placeholder.GetProperty("deleted").GetBoolean());
            Assert.Equal("[deleted]", placeholder.GetProperty("comment").GetString());
            var kept = placeholder.GetProperty("children").EnumerateArray().Single();
            Assert.Equal(answer, kept.GetProperty("id").GetInt64());
            Assert.Equal("an answer to it", kept.GetProperty("comment").GetString());
        }
        Assert.Equal(rude, reply.GetProperty("parent_id").GetInt64());
        await Envelope.ErrorAsync(deletedItself, 404);
        Assert.Equal(2, count.GetInt32());
        Assert.Equal([answer, question], ids.EnumerateArray().Select(e => e.GetInt64()));

        await replier.Http.DeleteCommentAsync(answer);
        var emptied = await visitor.GetDataAsync($"/3/comment/{question}/replies");
        var list = await visitor.GetDataAsync($"/3/gallery/{post}/comments");

        Assert.Equal(0, emptied.GetProperty("children").GetArrayLength());
        Assert.Equal([question], Ids(list));
        Assert.Equal(0, list[0].GetProperty("children").GetArrayLength());
    }

    [Fact]
    public async Task ADeletedCommentWithoutReplies_LeavesTheThreadAndTheLists()
    {
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Tidy");
        var kept = await owner.Http.CommentAsync(post, "kept");
        var gone = await owner.Http.CommentAsync(post, "gone");
        var goneReply = await owner.Http.ReplyAsync(kept, "gone reply");
        var visitor = await app.AnonymousClientAsync();

        await owner.Http.DeleteCommentAsync(gone);
        await owner.Http.DeleteCommentAsync(goneReply);

        foreach (var sort in new[] { "best", "top", "new" })
        {
            var list = await visitor.GetDataAsync($"/3/gallery/{post}/comments/{sort}");
            Assert.Equal([kept], Ids(list));
            Assert.Equal(0, list[0].GetProperty("children").GetArrayLength());
        }
        Assert.Equal(0, (await visitor.GetDataAsync($"/3/comment/{kept}/replies")).GetProperty("children").GetArrayLength());
        Assert.Equal([kept], (await visitor.GetDataAsync($"/3/gallery/{post}/comments/ids")).EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(0, (await visitor.GetDataAsync($"/3/account/{owner.Username}/comments")).EnumerateArray()
            .Count(c => c.GetProperty("id").GetInt64() == gone || c.GetProperty("id").GetInt64() == goneReply));
    }

    [Fact]
    public async Task CommentCount_OnTheGalleryPost_IsTheLiveCommentsExactly_ThroughCreatesAndDeletes()
    {
        var owner = await app.SignedInClientAsync();
        var writer = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Count me");
        var counts = new List<int> { await CommentCountAsync(writer.Http, post) };

        var top = await writer.Http.CommentAsync(post, "one");
        counts.Add(await CommentCountAsync(writer.Http, post));
        var reply = await owner.Http.ReplyAsync(top, "two");
        var deeper = await writer.Http.ReplyAsync(reply, "three");
        var other = await owner.Http.CommentAsync(post, "four");
        counts.Add(await CommentCountAsync(writer.Http, post));
        await owner.Http.DeleteCommentAsync(reply);
        counts.Add(await CommentCountAsync(writer.Http, post));
        await writer.Http.DeleteCommentAsync(deeper);
        counts.Add(await CommentCountAsync(writer.Http, post));
        await owner.Http.DeleteCommentAsync(other);
        counts.Add(await CommentCountAsync(writer.Http, post));
        await writer.Http.DeleteCommentAsync(top);
        counts.Add(await CommentCountAsync(writer.Http, post));
        var fromTheList = await writer.Http.GetDataAsync($"/3/gallery/{post}/comments/count");

        Assert.Equal([0, 1, 4, 3, 2, 1, 0], counts);
        Assert.Equal(0, fromTheList.GetInt32());
    }

    [Fact]
    public async Task AccountCommentRoutes_ShowTheCommentsWrittenThroughTheApi()
    {
        var owner = await app.SignedInClientAsync();
        var writer = await app.SignedInClientAsync();
        var replier = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Account view");
        var first = await writer.Http.CommentAsync(post, "first words");
        var reply = await replier.Http.ReplyAsync(first, "a reply");
        var second = await writer.Http.CommentAsync(post, "second words");
        var visitor = await app.AnonymousClientAsync();

        var newest = await visitor.GetDataAsync($"/3/account/{writer.Username}/comments");
        var oldest = await visitor.GetDataAsync($"/3/account/{writer.Username}/comments/oldest");
        var ids = await visitor.GetDataAsync($"/3/account/{writer.Username}/comments/ids/newest");
        var count = await visitor.GetDataAsync($"/3/account/{writer.Username}/comments/count");
        var one = await visitor.GetDataAsync($"/3/account/{writer.Username}/comment/{first}");
        var mine = await writer.Http.GetDataAsync("/3/account/me/comments/count");

        Assert.Equal([second, first], Ids(newest));
        Assert.Equal("second words", newest[0].GetProperty("comment").GetString());
        Assert.Equal(post, newest[0].GetProperty("image_id").GetString());
        Assert.Equal([first, second], Ids(oldest));
        Assert.Equal([second, first], ids.EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(2, count.GetInt32());
        Assert.Equal(2, mine.GetInt32());
        Assert.Equal(ModelKeys, one.EnumerateObject().Select(p => p.Name));
        Assert.Equal(writer.Username, one.GetProperty("author").GetString());
        Assert.Equal([reply], Ids(one.GetProperty("children")));

        using var byOther = await replier.Http.DeleteAsync($"/3/account/me/comment/{second}");
        using var byAuthor = await writer.Http.DeleteAsync($"/3/account/me/comment/{second}");
        await Envelope.ErrorAsync(byOther, 403);
        Assert.True((await Envelope.DataAsync(byAuthor)).GetBoolean());
        Assert.Equal(1, (await visitor.GetDataAsync($"/3/account/{writer.Username}/comments/count")).GetInt32());
        Assert.Equal([first], Ids(await visitor.GetDataAsync($"/3/gallery/{post}/comments")));
        Assert.Equal(2, await CommentCountAsync(visitor, post));
    }

    [Fact]
    public async Task DeletingAnAccount_TurnsItsCommentsIntoDeletedOnes_KeepsOthersRepliesReachable_AndTakesItsVotesOut()
    {
        var owner = await app.SignedInClientAsync();
        var leaver = await app.SignedInClientAsync();
        var stayer = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Someone leaves");
        var answered = await leaver.Http.CommentAsync(post, "I will be gone");
        var answer = await stayer.Http.ReplyAsync(answered, "but my answer stays");
        var alone = await leaver.Http.CommentAsync(post, "nobody answered this");
        var liked = await stayer.Http.CommentAsync(post, "liked by both");
        foreach (var voter in new[] { leaver, owner })
        {
            await voter.Http.VoteOnCommentAsync(liked, "up");
        }
        await leaver.Http.VoteOnCommentAsync(answer, "down");
        var countBefore = await CommentCountAsync(owner.Http, post);

        using (var deleted = await leaver.Http.PostAsync("/3/account/me/delete", Forms.Form(("password", "correct horse battery"))))
        {
            Assert.True((await Envelope.DataAsync(deleted)).GetBoolean());
        }
        var visitor = await app.AnonymousClientAsync();
        var thread = await visitor.GetDataAsync($"/3/gallery/{post}/comments/new");
        var kept = await visitor.GetDataAsync($"/3/comment/{answer}");
        var likedModel = await visitor.GetDataAsync($"/3/comment/{liked}");
        using var leaversComment = await visitor.GetAsync($"/3/comment/{answered}");
        using var leaversAlone = await visitor.GetAsync($"/3/comment/{alone}");

        Assert.Equal(4, countBefore);
        Assert.Equal([liked, answered], Ids(thread));
        var placeholder = Find(thread, answered);
        Assert.True(placeholder.GetProperty("deleted").GetBoolean());
        Assert.Equal("[deleted]", placeholder.GetProperty("comment").GetString());
        Assert.Equal("[deleted]", placeholder.GetProperty("author").GetString());
        Assert.Equal(0, placeholder.GetProperty("author_id").GetInt32());
        Assert.Equal([answer], Ids(placeholder.GetProperty("children")));
        Assert.Equal("but my answer stays", kept.GetProperty("comment").GetString());
        Assert.Equal(answered, kept.GetProperty("parent_id").GetInt64());
        Assert.Equal((0, 0, 0), (kept.GetProperty("ups").GetInt32(), kept.GetProperty("downs").GetInt32(), kept.GetProperty("points").GetInt32()));
        Assert.Equal((1, 0, 1), (likedModel.GetProperty("ups").GetInt32(), likedModel.GetProperty("downs").GetInt32(), likedModel.GetProperty("points").GetInt32()));
        await Envelope.ErrorAsync(leaversComment, 404);
        await Envelope.ErrorAsync(leaversAlone, 404);
        Assert.Equal(2, await CommentCountAsync(visitor, post));
        Assert.Equal([liked, answer], (await visitor.GetDataAsync($"/3/gallery/{post}/comments/ids")).EnumerateArray().Select(e => e.GetInt64()));
    }
}
