using System.Net;
using System.Text.Json;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Comments;

/// <summary>
/// What a comment may say and where it may go: only on gallery posts, 1 to 140 user-perceived characters without
/// control characters (everything else kept exactly), under a live parent on the same post, at most 1,000 replies deep,
/// at most Comments:MaxPerPost on a post; writes need an account.
/// </summary>
public sealed class CommentInputTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    private static async Task<int> CountAsync(HttpClient client, string postId) =>
        (await client.GetDataAsync($"/3/gallery/{postId}/comments/count")).GetInt32();

    /// <summary>A thousand-deep thread nests far deeper than <see cref="Envelope"/>'s default reader allows.</summary>
    private static async Task<JsonElement> DeepDataAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 1000)]}");
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 10_000 });
        Assert.True(document.RootElement.GetProperty("success").GetBoolean());
        return document.RootElement.GetProperty("data").Clone();
    }

    /// <summary>The ids down a thread in which every comment has one reply, walked without recursion.</summary>
    private static List<long> Chain(JsonElement comment)
    {
        var ids = new List<long>();
        while (true)
        {
            ids.Add(comment.GetProperty("id").GetInt64());
            var children = comment.GetProperty("children");
            if (children.GetArrayLength() == 0)
            {
                return ids;
            }
            Assert.Equal(1, children.GetArrayLength());
            comment = children[0];
        }
    }

    public static string BadText(string name) => name switch
    {
        "empty" => "",
        "only white space" => "  \n  ",
        "141 letters" => new string('a', 141),
        "141 emoji with skin tones" => Repeat("👍🏽", 141),
        "141 letters with combining accents" => Repeat("e\u0301", 141),
        "NUL" => "before\0after",
        "U+0001" => "\u0001start",
        "U+0007 bell" => "ring \u0007 ring",
        "tab" => "a\tb",
        "carriage return" => "line one\rline two",
        "U+001F" => "a\u001Fb",
        "U+007F delete" => "a\u007Fb",
        "U+0085 next line" => "a\u0085b",
        "U+009F" => "a\u009Fb",
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static (string Sent, string Stored) GoodText(string name) => name switch
    {
        "140 letters" => (new string('a', 140), new string('a', 140)),
        "140 letters inside white space" => ($"  {new string('b', 140)} \n ", new string('b', 140)),
        "140 emoji with skin tones" => (Repeat("👍🏽", 140), Repeat("👍🏽", 140)),
        "140 letters with combining accents" => (Repeat("e\u0301", 140), Repeat("e\u0301", 140)),
        "140 family emoji" => (Repeat("👨‍👩‍👧‍👦", 140), Repeat("👨‍👩‍👧‍👦", 140)),
        "one character" => ("x", "x"),
        "script markup" => ("<script>alert('owned')</script>", "<script>alert('owned')</script>"),
        "markup and entities" => ("<b>bold</b> &amp; \"quoted\" 'single'", "<b>bold</b> &amp; \"quoted\" 'single'"),
        "U+202E right-to-left override" => ("abc\u202Egpj.exe", "abc\u202Egpj.exe"),
        "newlines inside" => ("line one\nline two\n\nline four", "line one\nline two\n\nline four"),
        "CR LF line breaks" => ("line one\r\nline two", "line one\nline two"),
        "surrounding white space" => ("  \n padded \n ", "padded"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Fact]
    public async Task Create_OnAPostThatIsNotInTheGallery_Is404_ThroughEveryRoute_AndItsListsAre404()
    {
        var owner = await app.SignedInClientAsync();
        var image = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var (album, _) = await owner.Http.CreateAlbumAsync(("ids", image), ("privacy", "public"));
        var visitor = await app.AnonymousClientAsync();

        foreach (var id in new[] { image, album, "NoSuchPost" })
        {
            using var viaComment = await owner.Http.PostAsync("/3/comment", Forms.Form(("image_id", id), ("comment", "hello?")));
            using var viaPost = await owner.Http.PostAsync($"/3/gallery/{id}/comment", Forms.Form(("comment", "hello?")));
            await Envelope.ErrorAsync(viaComment, 404);
            await Envelope.ErrorAsync(viaPost, 404);
            foreach (var list in new[] { "comments", "comments/best", "comments/top", "comments/new", "comments/ids", "comments/count" })
            {
                using var read = await visitor.GetAsync($"/3/gallery/{id}/{list}");
                await Envelope.ErrorAsync(read, 404);
            }
        }
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Comments.Count(c => c.ImageId == image || c.ImageId == album))));
    }

    [Fact]
    public async Task Create_WithoutTheRequiredFields_Is400()
    {
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Fields required");
        var parent = await owner.Http.CommentAsync(post, "parent");

        using var noImageId = await owner.Http.PostAsync("/3/comment", Forms.Form(("comment", "where?")));
        using var noComment = await owner.Http.PostAsync("/3/comment", Forms.Form(("image_id", post)));
        using var noBody = await owner.Http.PostAsync("/3/comment", null);
        using var noCommentOnPost = await owner.Http.PostAsync($"/3/gallery/{post}/comment", Forms.Form(("parent_id", $"{parent}")));
        using var noCommentInReply = await owner.Http.PostAsync($"/3/comment/{parent}", Forms.Form(("image_id", post)));

        await Envelope.ErrorAsync(noImageId, 400);
        await Envelope.ErrorAsync(noComment, 400);
        await Envelope.ErrorAsync(noBody, 400);
        await Envelope.ErrorAsync(noCommentOnPost, 400);
        await Envelope.ErrorAsync(noCommentInReply, 400);
        Assert.Equal(1, await CountAsync(owner.Http, post));
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("only white space")]
    [InlineData("141 letters")]
    [InlineData("141 emoji with skin tones")]
    [InlineData("141 letters with combining accents")]
    [InlineData("NUL")]
    [InlineData("U+0001")]
    [InlineData("U+0007 bell")]
    [InlineData("tab")]
    [InlineData("carriage return")]
    [InlineData("U+001F")]
    [InlineData("U+007F delete")]
    [InlineData("U+0085 next line")]
    [InlineData("U+009F")]
    public async Task Text_ThatIsEmptyOver140CharactersOrHasAControlCharacter_Is400_ThroughEveryRoute_AndStoresNothing(string name)
    {
        var text = BadText(name);
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Text rules");
        var parent = await owner.Http.CommentAsync(post, "parent");

        using var viaComment = await owner.Http.PostAsync("/3/comment", Forms.Form(("image_id", post), ("comment", text)));
        using var viaReply = await owner.Http.PostAsync($"/3/comment/{parent}", Forms.Form(("comment", text)));
        using var viaPost = await owner.Http.PostAsync($"/3/gallery/{post}/comment", Forms.Form(("comment", text)));

        await Envelope.ErrorAsync(viaComment, 400);
        await Envelope.ErrorAsync(viaReply, 400);
        await Envelope.ErrorAsync(viaPost, 400);
        Assert.Equal(1, await CountAsync(owner.Http, post));
    }

    [Theory]
    [InlineData("140 letters")]
    [InlineData("140 letters inside white space")]
    [InlineData("140 emoji with skin tones")]
    [InlineData("140 letters with combining accents")]
    [InlineData("140 family emoji")]
    [InlineData("one character")]
    [InlineData("script markup")]
    [InlineData("markup and entities")]
    [InlineData("U+202E right-to-left override")]
    [InlineData("newlines inside")]
    [InlineData("CR LF line breaks")]
    [InlineData("surrounding white space")]
    public async Task Text_UpTo140Characters_IsStoredAndAnsweredExactlyAsSent_AfterTrimming(string name)
    {
        var (sent, stored) = GoodText(name);
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Exactly as sent");

        var top = await owner.Http.CommentAsync(post, sent);
        var reply = await owner.Http.ReplyAsync(top, sent);
        var single = await owner.Http.GetDataAsync($"/3/comment/{top}");
        var thread = await owner.Http.GetDataAsync($"/3/gallery/{post}/comments/new");
        var account = await owner.Http.GetDataAsync($"/3/account/{owner.Username}/comment/{reply}");

        Assert.Equal(stored, single.GetProperty("comment").GetString());
        Assert.Equal(stored, thread[0].GetProperty("comment").GetString());
        Assert.Equal(stored, thread[0].GetProperty("children")[0].GetProperty("comment").GetString());
        Assert.Equal(stored, account.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task Parent_OnAnotherPost_Deleted_OrMissing_Is400_AndStoresNothing()
    {
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Parents here");
        var elsewhere = await owner.Http.ShareNewImageAsync("Parents there");
        var foreign = await owner.Http.CommentAsync(elsewhere, "on the other post");
        var deletedLeaf = await owner.Http.CommentAsync(post, "deleted, no replies");
        var deletedWithReply = await owner.Http.CommentAsync(post, "deleted, one reply");
        await owner.Http.ReplyAsync(deletedWithReply, "the reply");
        foreach (var id in new[] { deletedLeaf, deletedWithReply })
        {
            await owner.Http.DeleteCommentAsync(id);
        }
        var countBefore = await CountAsync(owner.Http, post);

        foreach (var parent in new[] { $"{foreign}", $"{deletedLeaf}", $"{deletedWithReply}", $"{foreign + 1_000_000}", "abc" })
        {
            using var viaComment = await owner.Http.PostAsync("/3/comment", Forms.Form(("image_id", post), ("comment", "orphan"), ("parent_id", parent)));
            using var viaPost = await owner.Http.PostAsync($"/3/gallery/{post}/comment", Forms.Form(("comment", "orphan"), ("parent_id", parent)));
            await Envelope.ErrorAsync(viaComment, 400);
            await Envelope.ErrorAsync(viaPost, 400);
        }
        var live = await owner.Http.CommentAsync(post, "live parent");
        using var replyNamingAnotherPost = await owner.Http.PostAsync($"/3/comment/{live}", Forms.Form(("comment", "wrong post"), ("image_id", elsewhere)));
        await Envelope.ErrorAsync(replyNamingAnotherPost, 400);
        // A post that does not exist is a wrong post too: the reply's post is its parent's.
        using var replyNamingNoPost = await owner.Http.PostAsync($"/3/comment/{live}", Forms.Form(("comment", "no post"), ("image_id", "NoSuchPost")));
        await Envelope.ErrorAsync(replyNamingNoPost, 400);
        using var parentOnNoPost = await owner.Http.PostAsync("/3/comment", Forms.Form(("image_id", "NoSuchPost"), ("comment", "no post"), ("parent_id", $"{live}")));
        await Envelope.ErrorAsync(parentOnNoPost, 400);

        Assert.Equal(1, countBefore);
        Assert.Equal(2, await CountAsync(owner.Http, post));
        Assert.Equal(1, await CountAsync(owner.Http, elsewhere));
    }

    [Fact]
    public async Task ParentIdZero_AsImgurWritesTopLevelComments_MakesATopLevelComment()
    {
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Parent zero");
        using var viaComment = await owner.Http.PostAsync("/3/comment", Forms.Form(("image_id", post), ("comment", "top, via /3/comment"), ("parent_id", "0")));
        using var viaPost = await owner.Http.PostAsync($"/3/gallery/{post}/comment", Forms.Form(("comment", "top, via the post"), ("parent_id", "0")));
        var ids = new[] { (await Envelope.DataAsync(viaComment)).GetProperty("id").GetInt64(), (await Envelope.DataAsync(viaPost)).GetProperty("id").GetInt64() };

        var thread = await owner.Http.GetDataAsync($"/3/gallery/{post}/comments/new");
        Assert.Equal(ids.Reverse(), thread.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        Assert.All(thread.EnumerateArray(), c => Assert.Equal(0, c.GetProperty("parent_id").GetInt64()));
    }

    [Fact]
    public async Task Threads_GrowToAThousandRepliesDeep_NotOneMore_AndTheDeepThreadIsAnsweredWhole()
    {
        // A thousand and four writes by one account: more than an hour's credits, which are not what this is about.
        await using var app = new PicshelfApp().With("RateLimits:Enabled", "false");
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Deep thread");
        var chain = new List<long> { await owner.Http.CommentAsync(post, "depth 0") };
        for (var depth = 1; depth <= 1000; depth++)
        {
            chain.Add(await owner.Http.ReplyAsync(chain[^1], $"depth {depth}"));
        }

        using var tooDeep = await owner.Http.PostAsync($"/3/comment/{chain[^1]}", Forms.Form(("comment", "depth 1001")));
        using var tooDeepByParentId = await owner.Http.PostAsync("/3/comment", Forms.Form(("image_id", post), ("comment", "depth 1001"), ("parent_id", $"{chain[^1]}")));
        using var tooDeepOnPost = await owner.Http.PostAsync($"/3/gallery/{post}/comment", Forms.Form(("comment", "depth 1001"), ("parent_id", $"{chain[^1]}")));
        await Envelope.ErrorAsync(tooDeep, 400);
        await Envelope.ErrorAsync(tooDeepByParentId, 400);
        await Envelope.ErrorAsync(tooDeepOnPost, 400);

        var visitor = await app.AnonymousClientAsync();
        Assert.Equal(chain, Chain(await DeepDataAsync(visitor, $"/3/comment/{chain[0]}/replies")));
        Assert.Equal(chain, Chain(await DeepDataAsync(visitor, $"/3/gallery/{post}/comment/{chain[0]}")));
        Assert.Equal(chain, Chain(await DeepDataAsync(owner.Http, $"/3/account/me/comment/{chain[0]}")));
        foreach (var sort in new[] { "best", "new" })
        {
            var list = await DeepDataAsync(visitor, $"/3/gallery/{post}/comments/{sort}");
            Assert.Equal(chain, Chain(list.EnumerateArray().Single()));
        }
        Assert.Equal(chain[500..], Chain(await DeepDataAsync(visitor, $"/3/comment/{chain[500]}/replies")));
        var deepest = await visitor.GetDataAsync($"/3/comment/{chain[^1]}");
        Assert.Equal("depth 1000", deepest.GetProperty("comment").GetString());
        Assert.Equal(chain[^2], deepest.GetProperty("parent_id").GetInt64());
        Assert.Equal(1001, await CountAsync(visitor, post));
        Assert.Equal(1001, (await visitor.GetDataAsync($"/3/gallery/{post}")).GetProperty("comment_count").GetInt32());

        // A reply anywhere shallower is still fine.
        await owner.Http.ReplyAsync(chain[^2], "a second depth 1000");
    }

    [Fact]
    public async Task APost_HoldsAtMostMaxPerPostComments_AndOneMoreIs403SayingItIsFull()
    {
        await using var small = new PicshelfApp().With("Comments:MaxPerPost", "3");
        var owner = await small.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Small post");
        var other = await owner.Http.ShareNewImageAsync("Another small post");

        var first = await owner.Http.CommentAsync(post, "one");
        await owner.Http.ReplyAsync(first, "two");
        using (var third = await owner.Http.PostAsync($"/3/gallery/{post}/comment", Forms.Form(("comment", "three"))))
        {
            await Envelope.DataAsync(third);
        }
        using var fourth = await owner.Http.PostAsync("/3/comment", Forms.Form(("image_id", post), ("comment", "four")));
        using var fourthAsReply = await owner.Http.PostAsync($"/3/comment/{first}", Forms.Form(("comment", "four")));
        using var fourthOnPost = await owner.Http.PostAsync($"/3/gallery/{post}/comment", Forms.Form(("comment", "four"), ("parent_id", $"{first}")));
        var onTheOtherPost = await owner.Http.CommentAsync(other, "room here");

        Assert.Contains("full", await Envelope.ErrorAsync(fourth, 403), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("full", await Envelope.ErrorAsync(fourthAsReply, 403), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("full", await Envelope.ErrorAsync(fourthOnPost, 403), StringComparison.OrdinalIgnoreCase);
        Assert.True(onTheOtherPost > 0);
        Assert.Equal(3, await CountAsync(owner.Http, post));
        Assert.Equal(3, (await owner.Http.GetDataAsync($"/3/gallery/{post}/comments/ids")).GetArrayLength());
    }

    [Fact]
    public async Task Writes_WithAClientIdAlone_Are401_AndReadsWithoutAnyCredentials_AreAnswered()
    {
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Locked writes");
        var id = await owner.Http.CommentAsync(post, "mine");
        var anonymous = await app.AnonymousClientAsync();
        var nobody = app.CreateClient();

        using var create = await anonymous.PostAsync("/3/comment", Forms.Form(("image_id", post), ("comment", "anonymous")));
        using var reply = await anonymous.PostAsync($"/3/comment/{id}", Forms.Form(("comment", "anonymous")));
        using var onPost = await anonymous.PostAsync($"/3/gallery/{post}/comment", Forms.Form(("comment", "anonymous")));
        using var delete = await anonymous.DeleteAsync($"/3/comment/{id}");
        using var vote = await anonymous.PostAsync($"/3/comment/{id}/vote/up", null);
        using var report = await anonymous.PostAsync($"/3/comment/{id}/report", Forms.Form(("reason", "1")));
        // A comment and a post's comments are public reads (docs/imgur-compatibility.md §4.4): no credentials needed.
        var readWithoutCredentials = await nobody.GetDataAsync($"/3/comment/{id}");
        var listWithoutCredentials = await nobody.GetDataAsync($"/3/gallery/{post}/comments");
        var readWithClientId = await anonymous.GetDataAsync($"/3/comment/{id}");

        foreach (var refused in new[] { create, reply, onPost, delete, vote, report })
        {
            await Envelope.ErrorAsync(refused, 401);
        }
        Assert.Equal("mine", readWithClientId.GetProperty("comment").GetString());
        Assert.Equal("mine", readWithoutCredentials.GetProperty("comment").GetString());
        Assert.Equal(1, listWithoutCredentials.GetArrayLength());
        Assert.Equal(1, await CountAsync(anonymous, post));
    }
}
