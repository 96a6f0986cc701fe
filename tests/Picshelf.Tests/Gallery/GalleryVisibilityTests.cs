using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Picshelf.Api;
using Picshelf.Gallery;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Gallery;

/// <summary>
/// Hidden (reported) and mature posts stay out of every list anybody else reads: search, tag pages, subreddit sections, an account's submissions and gallery favorites; and what the operator decided survives the owner.
/// </summary>
public sealed class GalleryVisibilityTests : IAsyncLifetime
{
    private readonly PicshelfApp app = new PicshelfApp().With("Gallery:ReportsToHide", "1");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    private static async Task<List<string>> IdsAsync(HttpClient client, string path)
    {
        using var list = await client.GetAsync(path);
        var data = await Envelope.DataAsync(list);
        var items = data.ValueKind == JsonValueKind.Object ? data.GetProperty("items") : data;
        return items.EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    private async Task<T> ModerateAsync<T>(Func<GalleryModeration, Task<T>> decide)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await decide(scope.ServiceProvider.GetRequiredService<GalleryModeration>());
    }

    [Fact]
    public async Task HiddenAndMaturePosts_StayOutOfSearchTagPagesSubredditsAndOthersAccountLists_ButCountOnTheirTags()
    {
        var owner = await app.SignedInClientAsync();
        var reader = await app.SignedInClientAsync();
        var reporter = await app.SignedInClientAsync();
        var (word, tag, subreddit) = (Unique("word"), Unique("tag"), Unique("sub"));
        var fields = new[] { ("tags", tag), ("subreddit", subreddit) };
        var plain = await owner.Http.ShareNewImageAsync($"{word} plain", fields);
        var mature = await owner.Http.ShareNewImageAsync($"{word} mature", [.. fields, ("mature", "1")]);
        var hidden = await owner.Http.ShareNewImageAsync($"{word} hidden", fields);
        using (await reporter.Http.PostAsync($"/3/gallery/{hidden}/report", Forms.Form(("reason", "2"))))
        {
        }
        foreach (var id in new[] { plain, mature, hidden })
        {
            using (await reader.Http.PostAsync($"/3/image/{id}/favorite", null))
            {
            }
        }
        var visitor = await app.AnonymousClientAsync();

        Assert.Equal([plain], await IdsAsync(reader.Http, $"/3/gallery/search?q={word}"));
        Assert.Equal([plain], await IdsAsync(reader.Http, $"/3/gallery/t/{tag}"));
        Assert.Equal([plain], await IdsAsync(reader.Http, $"/3/gallery/r/{subreddit}"));
        Assert.Equal([plain], await IdsAsync(visitor, $"/3/account/{owner.Username}/submissions"));
        Assert.Equal([plain], await IdsAsync(visitor, $"/3/account/{reader.Username}/gallery_favorites"));
        using var tagInfo = await visitor.GetAsync($"/3/gallery/tag_info/{tag}");
        Assert.Equal(3, (await Envelope.DataAsync(tagInfo)).GetProperty("total_items").GetInt32());
        Assert.Equal(new[] { plain, mature, hidden }.Order(), (await IdsAsync(owner.Http, "/3/account/me/submissions")).Order());
        Assert.Equal(new[] { plain, mature, hidden }.Order(), (await IdsAsync(reader.Http, "/3/account/me/gallery_favorites")).Order());

        using (await reader.Http.PutAsync("/3/account/me/settings", Forms.Form(("show_mature", "true"))))
        {
        }
        Assert.Equal(new[] { plain, mature }.Order(), (await IdsAsync(reader.Http, $"/3/account/{owner.Username}/submissions")).Order());
        Assert.Equal(new[] { plain, mature }.Order(), (await IdsAsync(reader.Http, $"/3/gallery/search?mature=true&q={word}")).Order());
    }

    [Fact]
    public async Task ShareAgain_KeepsTheMatureFlagTheOperatorSet()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Borderline");
        Assert.True(await ModerateAsync(m => m.MarkMatureAsync(id, CancellationToken.None)));

        using var again = await owner.Http.PostAsync($"/3/gallery/{id}", Forms.Form(("title", "Harmless, honest"), ("mature", "0")));
        using var post = await owner.Http.GetAsync($"/3/gallery/{id}");

        Assert.True((await Envelope.DataAsync(again)).GetBoolean());
        var model = await Envelope.DataAsync(post);
        Assert.Equal("Harmless, honest", model.GetProperty("title").GetString());
        Assert.True(model.GetProperty("nsfw").GetBoolean());
    }

    [Fact]
    public async Task OperatorRemoval_TakesThePostOutOfSearch_AndRetaggingItAfterwardsIs404()
    {
        var owner = await app.SignedInClientAsync();
        var word = Unique("gone");
        var id = await owner.Http.ShareNewImageAsync($"{word} soon removed");
        Assert.Equal([id], await IdsAsync(owner.Http, $"/3/gallery/search?q={word}"));

        Assert.True(await ModerateAsync(m => m.RemoveAsync(id, CancellationToken.None)));
        using var retag = await owner.Http.PostAsync($"/3/gallery/tags/{id}", Forms.Form(("tags", "late")));
        var removeAgain = await ModerateAsync(m => Assert.ThrowsAsync<ApiException>(() => m.RemoveAsync(id, CancellationToken.None)));

        await Envelope.ErrorAsync(retag, 404);
        Assert.Equal(404, removeAgain.Status);
        Assert.Empty(await IdsAsync(owner.Http, $"/3/gallery/search?q={word}"));
    }

    [Fact]
    public async Task Tags_ArriveAsRepeatedTagsBrackets_AndUnderscoreRunsFoldToOne()
    {
        var owner = await app.SignedInClientAsync();
        var stem = Unique("funny");
        var id = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;

        using var shared = await owner.Http.PostAsync($"/3/gallery/image/{id}",
            Forms.Form(("title", "Bracketed"), ("terms", "1"), ("tags[]", $"_{stem}__cats_"), ("tags[]", $"{stem} cats"), ("tags[]", "dogs")));
        using var post = await owner.Http.GetAsync($"/3/gallery/{id}");
        using var onlyUnderscores = await owner.Http.PostAsync($"/3/gallery/tags/{id}", Forms.Form(("tags", "___")));

        Assert.True((await Envelope.DataAsync(shared)).GetBoolean());
        var names = (await Envelope.DataAsync(post)).GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order();
        Assert.Equal(["dogs", $"{stem}_cats"], names);
        await Envelope.ErrorAsync(onlyUnderscores, 400);
    }

    [Fact]
    public async Task ReplaceTags_WithoutAToken_Is401_BeforeItsFieldsAreRead()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Mine");
        var visitor = await app.AnonymousClientAsync();

        using var withoutTags = await visitor.PostAsync($"/3/gallery/tags/{id}", Forms.Form(("title", "no tags")));
        using var withTags = await visitor.PostAsync($"/3/gallery/tags/{id}", Forms.Form(("tags", "mine")));

        await Envelope.ErrorAsync(withoutTags, 401);
        await Envelope.ErrorAsync(withTags, 401);
    }

    [Fact]
    public async Task DeletingAnAccount_TakesItsVotesOutOfOtherPostsTallies_AndItsPostsOutOfSearch()
    {
        var owner = await app.SignedInClientAsync();
        var leaver = await app.SignedInClientAsync();
        var stayer = await app.SignedInClientAsync();
        var (word, tag) = (Unique("leaving"), Unique("fits"));
        var post = await owner.Http.ShareNewImageAsync("Voted on", ("tags", tag));
        var leaversPost = await leaver.Http.ShareNewImageAsync($"{word} by the leaver");
        foreach (var voter in new[] { leaver, stayer })
        {
            using (await voter.Http.PostAsync($"/3/gallery/{post}/vote/up", null))
            using (await voter.Http.PostAsync($"/3/gallery/{post}/vote/tag/{tag}/up", null))
            {
            }
        }

        using var deleted = await leaver.Http.PostAsync("/3/account/me/delete", Forms.Form(("password", "correct horse battery")));
        using var votes = await owner.Http.GetAsync($"/3/gallery/{post}/votes");
        using var model = await owner.Http.GetAsync($"/3/gallery/{post}");
        using var tags = await owner.Http.GetAsync($"/3/gallery/{post}/tags");

        Assert.True((await Envelope.DataAsync(deleted)).GetBoolean());
        var tally = await Envelope.DataAsync(votes);
        Assert.Equal((1, 0), (tally.GetProperty("ups").GetInt32(), tally.GetProperty("downs").GetInt32()));
        Assert.Equal(1, (await Envelope.DataAsync(model)).GetProperty("points").GetInt32());
        Assert.Equal(1, (await Envelope.DataAsync(tags)).GetProperty("tags")[0].GetProperty("ups").GetInt32());
        Assert.Empty(await IdsAsync(owner.Http, $"/3/gallery/search?q={word}"));
        Assert.Empty(await IdsAsync(owner.Http, $"/3/gallery/search?q=user:{leaver.Username}"));
        using var leaversGone = await owner.Http.GetAsync($"/3/gallery/{leaversPost}");
        await Envelope.ErrorAsync(leaversGone, 404);
    }

    [Fact]
    public async Task ATagsTotalItems_FollowsItsPosts_ThroughRetagsRemovalsImageAndAccountDeletion()
    {
        var owner = await app.SignedInClientAsync();
        var leaver = await app.SignedInClientAsync();
        var tag = Unique("counted");
        var retagged = await owner.Http.ShareNewImageAsync("Retagged", ("tags", tag));
        var removed = await owner.Http.ShareNewImageAsync("Removed", ("tags", tag));
        var deleted = await owner.Http.ShareNewImageAsync("Deleted", ("tags", tag));
        var kept = await owner.Http.ShareNewImageAsync("Kept", ("tags", tag));
        await leaver.Http.ShareNewImageAsync("The leaver's", ("tags", tag));
        var visitor = await app.AnonymousClientAsync();
        async Task<int> TotalAsync()
        {
            using var info = await visitor.GetAsync($"/3/gallery/tag_info/{tag}");
            return (await Envelope.DataAsync(info)).GetProperty("total_items").GetInt32();
        }
        Assert.Equal(5, await TotalAsync());

        using (await owner.Http.PostAsync($"/3/gallery/tags/{retagged}", Forms.Form(("tags", "other"))))
        using (await owner.Http.DeleteAsync($"/3/gallery/{removed}"))
        using (await owner.Http.DeleteAsync($"/3/image/{deleted}"))
        using (await leaver.Http.PostAsync("/3/account/me/delete", Forms.Form(("password", "correct horse battery"))))
        {
        }

        Assert.Equal(1, await TotalAsync());
        Assert.Equal([kept], await IdsAsync(visitor, $"/3/gallery/t/{tag}"));
    }
}
