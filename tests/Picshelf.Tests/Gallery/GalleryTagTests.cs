using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using Picshelf.Gallery;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Gallery;

/// <summary>Tags on posts: set by the owner, created on first use, voted on, listed, followed, and their pages.</summary>
public sealed class GalleryTagTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private static string Unique(string name) => $"{name}_{Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task Share_WithTags_CreatesThem_AndThePostCarriesThemAsTagObjects()
    {
        var owner = await app.SignedInClientAsync();
        var cats = Unique("Funny Cats");
        var id = await owner.Http.ShareNewImageAsync("Tagged", ("tags", $"{cats}, {cats.ToUpperInvariant()},  Aww "));

        using var post = await owner.Http.GetAsync($"/3/gallery/{id}");
        using var info = await owner.Http.GetAsync($"/3/gallery/tag_info/{cats.Replace(' ', '_')}");
        using var tags = await owner.Http.GetAsync($"/3/gallery/{id}/tags");

        var postTags = (await Envelope.DataAsync(post)).GetProperty("tags");
        var name = cats.Replace(' ', '_').ToLowerInvariant();
        Assert.Equal([name, "aww"], postTags.EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order().Reverse().ToList());
        var tag = postTags.EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);
        Assert.Equal(cats, tag.GetProperty("display_name").GetString());
        Assert.Equal(1, tag.GetProperty("total_items").GetInt32());
        var model = await Envelope.DataAsync(info);
        Assert.Equal(name, model.GetProperty("name").GetString());
        Assert.Equal(0, model.GetProperty("followers").GetInt32());
        Assert.False(model.GetProperty("following").GetBoolean());
        Assert.False(model.TryGetProperty("items", out _));
        var votes = (await Envelope.DataAsync(tags)).GetProperty("tags");
        Assert.All(votes.EnumerateArray(), v =>
        {
            Assert.Equal(["name", "ups", "downs", "author"], v.EnumerateObject().Select(p => p.Name));
            Assert.Equal(owner.Username, v.GetProperty("author").GetString());
        });
    }

    [Theory]
    [InlineData("<b>bold</b>")]
    [InlineData("   ")]
    [InlineData("a,,<script>")]
    [InlineData("semi;colon")]
    public async Task Share_WithABadTag_Is400_AndSharesNothing(string tags)
    {
        var owner = await app.SignedInClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;

        using var shared = await owner.Http.PostAsync($"/3/gallery/image/{id}", Forms.Form(("title", "Bad tags"), ("terms", "1"), ("tags", tags)));
        using var post = await owner.Http.GetAsync($"/3/gallery/{id}");

        await Envelope.ErrorAsync(shared, 400);
        await Envelope.ErrorAsync(post, 404);
    }

    [Fact]
    public async Task Tags_TooLongOrTooMany_Are400()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Limits");

        using var tooLong = await owner.Http.PostAsync($"/3/gallery/tags/{id}", Forms.Form(("tags", new string('a', 200))));
        using var tooMany = await owner.Http.PostAsync($"/3/gallery/tags/{id}",
            Forms.Form(("tags", string.Join(',', Enumerable.Range(0, 100).Select(n => $"tag{n}")))));
        using var none = await owner.Http.PostAsync($"/3/gallery/tags/{id}", Forms.Form(("title", "no tags field")));

        await Envelope.ErrorAsync(tooLong, 400);
        Assert.Contains($"at most {TagNames.MaxPerPost}", await Envelope.ErrorAsync(tooMany, 400), StringComparison.Ordinal);
        await Envelope.ErrorAsync(none, 400);
    }

    [Fact]
    public async Task ReplaceTags_IsTheOwners_AndDropsTheVotesOfTagsRemoved()
    {
        var owner = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();
        var (keep, drop, add) = (Unique("keep"), Unique("drop"), Unique("add"));
        var id = await owner.Http.ShareNewImageAsync("Retagged", ("tags", $"{keep},{drop}"));
        using (await other.Http.PostAsync($"/3/gallery/{id}/vote/tag/{keep}/up", null))
        using (await other.Http.PostAsync($"/3/gallery/{id}/vote/tag/{drop}/down", null))
        {
        }

        using var byOther = await other.Http.PostAsync($"/3/gallery/tags/{id}", Forms.Form(("tags", add)));
        using var byOwner = await owner.Http.PostAsync($"/3/gallery/tags/{id}", Forms.Form(("tags", $"{keep},{add}")));
        using var tags = await owner.Http.GetAsync($"/3/gallery/{id}/tags");

        await Envelope.ErrorAsync(byOther, 403);
        Assert.True((await Envelope.DataAsync(byOwner)).GetBoolean());
        var list = (await Envelope.DataAsync(tags)).GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal([add, keep], list.Keys.Order());
        Assert.Equal(1, list[keep].GetProperty("ups").GetInt32());
        Assert.Equal(0, list[add].GetProperty("ups").GetInt32());
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.GalleryTagVotes.Count(v => v.TagName == drop))));
    }

    [Fact]
    public async Task TagVotes_OnePerAccount_UpOrDownOnly_OnTagsThePostCarries()
    {
        var owner = await app.SignedInClientAsync();
        var voters = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.SignedInClientAsync()));
        var tag = Unique("fits");
        var id = await owner.Http.ShareNewImageAsync("Vote on tags", ("tags", tag));

        await Task.WhenAll(voters.Select(async (voter, index) =>
        {
            using (await voter.Http.PostAsync($"/3/gallery/{id}/vote/tag/{tag}/down", null))
            using (await voter.Http.PostAsync($"/3/gallery/{id}/vote/tag/{tag}/{(index < 4 ? "up" : "down")}", null))
            {
            }
        }));
        using var sideways = await owner.Http.PostAsync($"/3/gallery/{id}/vote/tag/{tag}/veto", null);
        using var notOnPost = await owner.Http.PostAsync($"/3/gallery/{id}/vote/tag/{Unique("other")}/up", null);
        using var anonymous = await (await app.AnonymousClientAsync()).PostAsync($"/3/gallery/{id}/vote/tag/{tag}/up", null);
        using var tags = await owner.Http.GetAsync($"/3/gallery/{id}/tags");

        await Envelope.ErrorAsync(sideways, 400);
        await Envelope.ErrorAsync(notOnPost, 404);
        await Envelope.ErrorAsync(anonymous, 401);
        var counted = (await Envelope.DataAsync(tags)).GetProperty("tags")[0];
        Assert.Equal((4, 2), (counted.GetProperty("ups").GetInt32(), counted.GetProperty("downs").GetInt32()));
    }

    [Fact]
    public async Task Tags_InAJsonBody_MayBeAnArrayOfStrings_WhenSharingAndWhenReplacing()
    {
        var owner = await app.SignedInClientAsync();
        var (first, second, third) = (Unique("alpha"), Unique("beta"), Unique("gamma"));
        var image = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

        using var notStrings = await owner.Http.PostAsync($"/3/gallery/image/{image}", Json("{\"title\":\"Listed\",\"terms\":true,\"tags\":[1,2]}"));
        using var shared = await owner.Http.PostAsync($"/3/gallery/image/{image}", Json($"{{\"title\":\"Listed\",\"terms\":true,\"tags\":[\"{first}\",\"{second}\"]}}"));
        var afterSharing = await owner.Http.GetDataAsync($"/3/gallery/{image}/tags");
        using var replaced = await owner.Http.PostAsync($"/3/gallery/tags/{image}", Json($"{{\"tags\":[\"{third}\"]}}"));
        var afterReplacing = await owner.Http.GetDataAsync($"/3/gallery/{image}/tags");

        using var withNull = await owner.Http.PostAsync($"/3/gallery/tags/{image}", Json("{\"tags\":[null]}"));
        Assert.Equal("tags must be a list of strings", await Envelope.ErrorAsync(notStrings, 400));
        Assert.Equal("tags must be a list of strings", await Envelope.ErrorAsync(withNull, 400));
        await Envelope.DataAsync(shared);
        Assert.Equal(new[] { first, second }.Order(), afterSharing.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).Order());
        await Envelope.DataAsync(replaced);
        Assert.Equal([third], afterReplacing.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()!));
    }

    [Fact]
    public async Task TagPage_ListsOldPostsByViralOrTime_AndKeepsToTheWindowOnlyWhenSortedByTop()
    {
        var owner = await app.SignedInClientAsync();
        var tag = Unique("archive");
        var recent = await owner.Http.ShareNewImageAsync("Recent", ("tags", tag));
        var old = await owner.Http.ShareNewImageAsync("Old", ("tags", tag));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await app.WithDbAsync(db => db.GalleryItems.Where(i => i.Id == old).ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, now - 10 * 86400)));
        async Task<List<string>> ItemsAsync(string path) =>
            (await owner.Http.GetDataAsync(path)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

        Assert.Equal([recent, old], await ItemsAsync($"/3/gallery/t/{tag}/time/week/0"));
        Assert.Equal(new[] { recent, old }.Order(), (await ItemsAsync($"/3/gallery/t/{tag}")).Order());
        Assert.Equal([recent], await ItemsAsync($"/3/gallery/t/{tag}/top"));
        Assert.Equal([recent], await ItemsAsync($"/3/gallery/t/{tag}/top/week/0"));
        Assert.Equal(new[] { recent, old }.Order(), (await ItemsAsync($"/3/gallery/t/{tag}/top/all/0")).Order());
    }

    [Fact]
    public async Task TagPage_ListsThePostsCarryingIt_AndFollowingShowsOnTheTag()
    {
        var owner = await app.SignedInClientAsync();
        var reader = await app.SignedInClientAsync();
        var tag = Unique("landscape");
        var tagged = await owner.Http.ShareNewImageAsync("Mountains", ("tags", tag));
        var untagged = await owner.Http.ShareNewImageAsync("Plain");
        using (await reader.Http.PostAsync($"/3/account/me/follow/tag/{tag}", null))
        {
        }

        using var page = await reader.Http.GetAsync($"/3/gallery/t/{tag}/viral/week/0");
        using var shortForm = await reader.Http.GetAsync($"/3/gallery/t/{tag}");
        using var badSort = await reader.Http.GetAsync($"/3/gallery/t/{tag}/rising");
        using var unknown = await reader.Http.GetAsync($"/3/gallery/t/{Unique("nothing")}");
        using var unknownInfo = await reader.Http.GetAsync($"/3/gallery/tag_info/{Unique("nothing")}");
        using var all = await reader.Http.GetAsync("/3/tags");

        var model = await Envelope.DataAsync(page);
        Assert.Equal([tagged], model.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.True(model.GetProperty("following").GetBoolean());
        Assert.Equal(1, model.GetProperty("followers").GetInt32());
        Assert.Equal(1, (await Envelope.DataAsync(shortForm)).GetProperty("items").GetArrayLength());
        await Envelope.ErrorAsync(badSort, 400);
        Assert.Equal("Tag does not exist", await Envelope.ErrorAsync(unknown, 404));
        await Envelope.ErrorAsync(unknownInfo, 404);
        var list = await Envelope.DataAsync(all);
        Assert.Equal(["tags", "featured", "galleries"], list.EnumerateObject().Select(p => p.Name));
        Assert.Contains(tag, list.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.String, list.GetProperty("featured").ValueKind);
        Assert.DoesNotContain(untagged, model.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    /// <summary>A tag's page reads copies of its posts' ranking and flags kept beside the tag; they follow every change of the post.</summary>
    [Fact]
    public async Task TagPage_FollowsItsPostsVotesMaturityAndHiding_AndATagAddedLater()
    {
        await using var app = new PicshelfApp().With("Gallery:ReportsToHide", "1");
        var owner = await app.SignedInClientAsync();
        var voters = new[] { await app.SignedInClientAsync(), await app.SignedInClientAsync() };
        var tag = Unique("follows");
        var older = await owner.Http.ShareNewImageAsync("Older", ("tags", tag));
        var newer = await owner.Http.ShareNewImageAsync("Newer", ("tags", tag));
        var mature = await owner.Http.ShareNewImageAsync("Mature", ("tags", tag), ("mature", "1"));
        var later = await owner.Http.ShareNewImageAsync("Tagged later");
        // Shared a minute apart, as the test's requests are not: the database's update reaches the tag's copies as any other.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var (id, minutesAgo) in new[] { (older, 4), (newer, 3), (mature, 2), (later, 1) })
        {
            await app.WithDbAsync(db => db.GalleryItems.Where(i => i.Id == id).ExecuteUpdateAsync(set => set.SetProperty(i => i.CreatedAt, now - 60 * minutesAgo)));
        }

        async Task<List<string?>> PageAsync(string sort, string query = "")
        {
            using var page = await owner.Http.GetAsync($"/3/gallery/t/{tag}/{sort}/all/0{query}");
            return (await Envelope.DataAsync(page)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        }
        var topBefore = await PageAsync("top");
        foreach (var voter in voters)
        {
            using var voted = await voter.Http.PostAsync($"/3/gallery/{older}/vote/up", null);
            Assert.True((await Envelope.DataAsync(voted)).GetBoolean());
        }
        var topAfterVotes = await PageAsync("top");
        var viralAfterVotes = await PageAsync("viral");
        using (var retagged = await owner.Http.PostAsync($"/3/gallery/tags/{later}", Forms.Form(("tags", tag))))
        {
            Assert.True((await Envelope.DataAsync(retagged)).GetBoolean());
        }
        var timeAfterRetag = await PageAsync("time");
        using (var settings = await owner.Http.PutAsync("/3/account/me/settings", Forms.Form(("show_mature", "true"))))
        {
            Assert.True((await Envelope.DataAsync(settings)).GetBoolean());
        }
        var withMature = await PageAsync("time", "?mature=true");
        using (var reported = await voters[0].Http.PostAsync($"/3/gallery/{newer}/report", Forms.Form(("reason", "1"))))
        {
            Assert.True((await Envelope.DataAsync(reported)).GetBoolean());
        }
        var afterHiding = await PageAsync("time");

        Assert.Equal([newer, older], topBefore);
        Assert.Equal([older, newer], topAfterVotes);
        Assert.Equal(older, viralAfterVotes[0]);
        Assert.Equal([later, newer, older], timeAfterRetag);
        Assert.Equal([later, mature, newer, older], withMature);
        Assert.Equal([later, older], afterHiding);
    }

    /// <summary>A tag's post count is moved by a trigger that locks the tag's row; every change of tags locks them in one order first.</summary>
    [Fact]
    public async Task RetagsAndRemovals_OfPostsWithTagsInCommon_AtOnce_AllSucceed_AndTagCountsStayExact()
    {
        await using var app = new PicshelfApp().With("RateLimits:Enabled", "false");
        var owner = await app.SignedInClientAsync();
        var names = Enumerable.Range(0, 4).Select(n => Unique($"shared{n}")).ToArray();
        var posts = new List<string>();
        for (var n = 0; n < 12; n++)
        {
            posts.Add(await owner.Http.ShareNewImageAsync($"Post {n}", ("tags", string.Join(',', n % 2 == 0 ? names[2..] : names[..2]))));
        }

        // Half the posts trade their tags for the other half's: without one order, each would hold what another wants.
        var changes = posts.Select(async (post, n) =>
        {
            using var response = n % 3 == 0
                ? await owner.Http.DeleteAsync($"/3/gallery/{post}")
                : await owner.Http.PostAsync($"/3/gallery/tags/{post}", Forms.Form(("tags", string.Join(',', n % 2 == 0 ? names[..2] : names[2..]))));
            Assert.True((await Envelope.DataAsync(response)).GetBoolean());
        });
        await Task.WhenAll(changes);

        var counted = await app.WithDbAsync(db => db.Tags.Where(t => names.Contains(t.Name)).ToDictionaryAsync(t => t.Name, t => t.PostCount));
        var actual = await app.WithDbAsync(db => db.GalleryItemTags.Where(t => names.Contains(t.TagName)).GroupBy(t => t.TagName)
            .ToDictionaryAsync(g => g.Key, g => g.Count()));
        Assert.All(names, name => Assert.Equal(actual.GetValueOrDefault(name), counted[name]));
        Assert.True(actual.Values.Sum() > 0);
    }
}
